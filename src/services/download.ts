/**
 * A file the API makes for an officer (e.g. 成绩.xlsx), fetched with the session's token (a plain
 * link cannot send it): in the mini program downloaded and opened in WeChat's document viewer,
 * whose menu saves or forwards it; in the browser saved through a download link.
 */
import Taro from '@tarojs/taro';
import { ApiError, NETWORK_MESSAGE } from './api';
import { getToken } from './session';

const FAILED = '文件没有下载成功，请稍后再试';

export async function downloadFile(path: string, filename: string, fileType: 'xlsx'): Promise<void> {
  const header: Record<string, string> = { Authorization: `Bearer ${getToken() ?? ''}` };
  if (process.env.TARO_ENV === 'h5') {
    let res: Response;
    try {
      res = await fetch(API_BASE + path, { headers: header });
    } catch {
      throw new ApiError('NETWORK', NETWORK_MESSAGE, 0);
    }
    if (!res.ok) throw new ApiError('BAD_RESPONSE', FAILED, res.status);
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return;
  }
  const res = await Taro.downloadFile({ url: API_BASE + path, header });
  if (res.statusCode !== 200) throw new ApiError('BAD_RESPONSE', FAILED, res.statusCode);
  await Taro.openDocument({ filePath: res.tempFilePath, fileType, showMenu: true });
}
