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
