/**
 * Scanning in the mini program: WeChat's own scanner (camera only, QR codes), its text or null
 * when the person closed it without scanning. The browser scans with CameraScanner instead.
 */
import Taro from '@tarojs/taro';

export async function scanWithWechat(): Promise<string | null> {
  try {
    const r = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
    return r.result ?? null;
  } catch {
    return null;
  }
}

/**
 * A camera reads the same code many times a second while it is held up: a text read again
 * within `ms` of its last reading is the same scan, not a new one.
 */
export function repeatGuard(ms: number): (text: string, nowMs?: number) => boolean {
  let last = '';
  let at = -Infinity;
  return (text, nowMs = Date.now()) => {
    const fresh = text !== last || nowMs - at > ms;
    at = nowMs;
    last = text;
    return fresh;
  };
}
