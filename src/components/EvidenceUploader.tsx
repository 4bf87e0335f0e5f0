/**
 * 证明材料: the photos already attached (EvidenceThumbs) and a large 「添加照片」 button that picks
 * photos and uploads them one by one, saying in words how far it got and what went wrong.
 * The caller owns the list of file ids; photos just taken are shown from the phone meanwhile.
 */
import { View } from '@tarojs/components';
import { useState } from 'react';
import { errorText } from '../services/api';
import { pickPhotos, uploadPhoto } from '../services/upload';
import { Action } from './Action';
import { EvidenceThumbs } from './EvidenceThumbs';
import { FieldError } from './FieldError';

interface Props {
  id: string;
  fileIds: string[];
  max: number;
  onChange: (fileIds: string[]) => void;
}

export function EvidenceUploader({ id, fileIds, max, onChange }: Props) {
  const [localPaths, setLocalPaths] = useState<Record<string, string>>({});
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const room = max - fileIds.length;

  const add = async () => {
    setError(null);
    const photos = await pickPhotos(room);
    if (photos.length === 0) return;
    const added: string[] = [];
    for (let i = 0; i < photos.length; i++) {
      setProgress(`正在上传第 ${i + 1} 张，共 ${photos.length} 张…`);
      try {
        const file = await uploadPhoto(photos[i]);
        added.push(file.id);
        setLocalPaths((p) => ({ ...p, [file.id]: photos[i].localPath }));
      } catch (e) {
        setError(`第 ${i + 1} 张没有传上去：${errorText(e)}`);
      }
    }
    setProgress(null);
    if (added.length) onChange([...fileIds, ...added]);
  };

  return (
    <View id={id}>
      {fileIds.length > 0 ? (
        <EvidenceThumbs
          id={`${id}-thumbs`}
          fileIds={fileIds}
          localPaths={localPaths}
          onRemove={(f) => onChange(fileIds.filter((x) => x !== f))}
        />
      ) : (
        <View className="muted small">还没有添加照片</View>
      )}
      {progress ? (
        <View className="notice" ariaRole="status">
          {progress}
        </View>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
      {room > 0 ? (
        <Action id={`${id}-add`} kind="secondary" disabled={progress !== null} onClick={() => void add()}>
          {progress ? '正在上传…' : fileIds.length ? '再添加照片' : '添加照片（拍照或从相册选）'}
        </Action>
      ) : (
        <View className="muted small">最多 {max} 张，已经够了</View>
      )}
    </View>
  );
}
