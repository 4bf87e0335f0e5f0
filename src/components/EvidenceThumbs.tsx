/**
 * Evidence photos as thumbnails. GET /api/files/:id needs the Authorization header, which an
 * <Image src> cannot send, so each file is fetched with Taro.downloadFile (a temp file in
 * WeChat, a blob: URL in H5) and shown from there. Photos the worker just chose are shown
 * from their local path (`localPaths`) without a download. A PDF is named, not drawn.
 */
import { Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { getToken } from '../services/session';
import './EvidenceThumbs.scss';

type Loaded = { path: string } | { error: string } | { pdf: true };

/** Downloads survive page changes: the same photo is fetched once per app run. */
const cache = new Map<string, Promise<Loaded>>();

function load(id: string): Promise<Loaded> {
  let p = cache.get(id);
  if (!p) {
    p = download(id).then((l) => {
      if ('error' in l) cache.delete(id); // try again next time
      return l;
    });
    cache.set(id, p);
  }
  return p;
}

async function download(id: string): Promise<Loaded> {
  const token = getToken();
  try {
    const res = await Taro.downloadFile({
      url: `${API_BASE}/api/files/${encodeURIComponent(id)}`,
      header: token ? { Authorization: `Bearer ${token}` } : {},
    });
    if (res.statusCode !== 200) return { error: '照片读取失败' };
    const type = (res as { header?: Record<string, string> }).header?.['Content-Type'] ?? '';
    return type.includes('pdf') ? { pdf: true } : { path: res.tempFilePath };
  } catch {
    return { error: '网络不好，照片没有显示出来' };
  }
}

interface Props {
  id?: string;
  fileIds: string[];
  localPaths?: Record<string, string>;
  /** shows a 「删除」 button under each photo */
  onRemove?: (fileId: string) => void;
}

const NO_PATHS: Record<string, string> = {};

export function EvidenceThumbs({ id, fileIds, localPaths = NO_PATHS, onRemove }: Props) {
  const [loaded, setLoaded] = useState<Record<string, Loaded>>({});

  useEffect(() => {
    let alive = true;
    for (const f of fileIds) {
      if (localPaths[f] || loaded[f]) continue;
      void load(f).then((l) => {
        if (alive) setLoaded((prev) => ({ ...prev, [f]: l }));
      });
    }
    return () => {
      alive = false;
    };
  }, [fileIds, localPaths, loaded]);

  const pathOf = (f: string): string | null => {
    if (localPaths[f]) return localPaths[f];
    const l = loaded[f];
    return l && 'path' in l ? l.path : null;
  };
  const urls = fileIds.map(pathOf).filter((p): p is string => p !== null);

  return (
    <View id={id} className="thumbs">
      {fileIds.map((f, i) => {
        const path = pathOf(f);
        const l = loaded[f];
        return (
          <View key={f} className="thumb">
            {path ? (
              <Image
                className="thumb-image"
                src={path}
                mode="aspectFill"
                ariaLabel={`证明材料第 ${i + 1} 张，点开看大图`}
                nativeProps={{ alt: `证明材料第 ${i + 1} 张，点开看大图` }}
                onClick={() => void Taro.previewImage({ urls, current: path })}
              />
            ) : (
              <View className="thumb-image thumb-placeholder">
                {l && 'pdf' in l ? 'PDF 文件' : l && 'error' in l ? l.error : '正在读取…'}
              </View>
            )}
            <View className="thumb-caption">第 {i + 1} 张</View>
            {onRemove ? (
              <View
                className="thumb-remove"
                hoverClass="chip-pressed"
                ariaRole="button"
                ariaLabel={`删除第 ${i + 1} 张`}
                onClick={() => onRemove(f)}
              >
                删除
              </View>
            ) : null}
          </View>
        );
      })}
    </View>
  );
}
