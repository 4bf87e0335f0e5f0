/**
 * The page a signed-out visitor starts on (login) offers no 返回首页 in its navigation bar:
 * home would only send them back. WeChat: hideHomeButton. H5: Taro has no hideHomeButton, so a
 * class on <html> hides its home button while the page shows (styles/h5.scss).
 */
import Taro, { useDidHide, useDidShow, useUnload } from '@tarojs/taro';

function h5Class(on: boolean): void {
  if (process.env.TARO_ENV === 'h5') document.documentElement.classList.toggle('no-home-button', on);
}

export function useNoHomeButton(): void {
  useDidShow(() => {
    if (process.env.TARO_ENV === 'weapp') void Promise.resolve(Taro.hideHomeButton()).catch(() => undefined);
    h5Class(true);
  });
  useDidHide(() => h5Class(false));
  useUnload(() => h5Class(false));
}
