/**
 * The browser's camera read by ZXing (H5 only: the mini program uses WeChat's own scanCode).
 * Loaded with import() from CameraScanner, so its ~400 KB reach only the pages that scan, and
 * only once the person opens the camera. The video is put into the element with `containerId`
 * (a Taro View) and decoded continuously until `stop()`.
 */
import { BrowserQRCodeReader, type IScannerControls } from '@zxing/browser';

export async function startCamera(
  containerId: string,
  onText: (text: string) => void,
): Promise<IScannerControls> {
  // Taro keeps earlier pages in the document: take the one on the page being shown
  const container = Array.from(document.querySelectorAll<HTMLElement>(`[id="${containerId}"]`)).find(
    (e) => e.offsetParent !== null,
  );
  if (!container) throw new Error('no place for the camera on this page');
  container.querySelector('video')?.remove();
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.style.display = 'block';
  video.style.width = '100%';
  video.setAttribute('aria-label', '摄像头画面：把二维码放在画面中间');
  container.prepend(video);
  const reader = new BrowserQRCodeReader(undefined, {
    delayBetweenScanAttempts: 150,
    delayBetweenScanSuccess: 300,
  });
  try {
    return await reader.decodeFromConstraints(
      { video: { facingMode: 'environment' }, audio: false },
      video,
      (result) => {
        if (result) onText(result.getText());
      },
    );
  } catch (e) {
    video.remove();
    throw e;
  }
}
