/**
 * WeChat's font size as a scale factor for the app's root size (services/display.ts). WeChat
 * reports fontSizeScaleFactor (newer base libraries; it includes 「关怀模式」) and fontSizeSetting,
 * the user's size in px over a standard of 17 px on iOS and 16 px on Android
 * (docs/font-sizes.md). Never below 1, so tap targets keep their minimum; at most MAX_SCALE.
 */
export const MAX_SCALE = 2;

export interface WechatFontInfo {
  fontSizeScaleFactor?: number;
  fontSizeSetting?: number;
  platform?: string;
}

/** The scale factor from what WeChat reports (getAppBaseInfo or the older getSystemInfoSync). */
export function wechatFontScale(info: WechatFontInfo): number {
  let factor = info.fontSizeScaleFactor;
  if (!factor && info.fontSizeSetting) {
    const standard = info.platform === 'ios' ? 17 : 16;
    factor = info.fontSizeSetting / standard;
  }
  if (!factor || !Number.isFinite(factor)) return 1;
  return Math.min(Math.max(factor, 1), MAX_SCALE);
}
