/**
 * Text size for older workers (docs/font-sizes.md). Every style is in rem, and each page sets
 * its root font size from two inputs:
 *  - the user's WeChat font setting: fontSizeScaleFactor where the base library gives it (it
 *    includes 「关怀模式」), otherwise fontSizeSetting over WeChat's standard size (17 px on iOS,
 *    16 px on Android); never below the standard size, so tap targets stay ≥ 44 px, and at most
 *    2× so a line still holds a few words,
 *  - the 长辈版 switch (persisted): a 20 px root instead of 16, so the smallest text (0.9375rem)
 *    is ≥ 18 px and headings (≥ 1.2rem) ≥ 24 px; tap targets ≥ 60 px via --tap (app.scss).
 * In H5 the root is a percentage, so the browser's own font setting plays WeChat's part, and the
 * switch follows 长辈版 turned on or off in another tab of the same browser.
 */
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { wechatFontScale, type WechatFontInfo } from './fontScale';

const ELDER_KEY = 'display.elder';
export const BASE_PX = 16;
export const ELDER_PX = 20;

export interface DisplaySettings {
  elder: boolean;
  /** WeChat font scale, 1 … MAX_SCALE */
  scale: number;
}

function readWechatInfo(): WechatFontInfo {
  // getAppBaseInfo (base library ≥ 2.20.1) is WeChat's current API; getSystemInfoSync is the
  // one older base libraries have. The platform tells which standard size fontSizeSetting uses.
  let info: WechatFontInfo = {};
  try {
    info = { ...(Taro.getSystemInfoSync() as WechatFontInfo) };
  } catch {
    info = {};
  }
  try {
    if (typeof Taro.getAppBaseInfo === 'function') {
      const base = Taro.getAppBaseInfo() as WechatFontInfo;
      if (base.fontSizeScaleFactor) info.fontSizeScaleFactor = base.fontSizeScaleFactor;
      if (base.fontSizeSetting) info.fontSizeSetting = base.fontSizeSetting;
    }
  } catch {
    // keep what getSystemInfoSync said
  }
  return info;
}

type Listener = (s: DisplaySettings) => void;
const listeners = new Set<Listener>();
let current: DisplaySettings | null = null;

function storedElder(): boolean {
  try {
    return Taro.getStorageSync(ELDER_KEY) === true;
  } catch {
    return false;
  }
}

function publish(next: DisplaySettings): void {
  current = next;
  if (process.env.TARO_ENV === 'h5') document.documentElement.classList.toggle('elder', next.elder);
  listeners.forEach((l) => l(next));
}

export function getDisplay(): DisplaySettings {
  if (!current) {
    current = {
      elder: storedElder(),
      scale: process.env.TARO_ENV === 'weapp' ? wechatFontScale(readWechatInfo()) : 1,
    };
    if (process.env.TARO_ENV === 'h5') {
      document.documentElement.classList.toggle('elder', current.elder);
      // 长辈版 switched in another tab: storage events reach only the other tabs
      window.addEventListener('storage', (e) => {
        if (e.key === ELDER_KEY || e.key === null) publish({ ...getDisplay(), elder: storedElder() });
      });
    }
  }
  return current;
}

export function setElderMode(elder: boolean): void {
  Taro.setStorageSync(ELDER_KEY, elder);
  publish({ ...getDisplay(), elder });
}

/** Root font size in px. */
export function rootPx(s: DisplaySettings): number {
  return (s.elder ? ELDER_PX : BASE_PX) * s.scale;
}

let browserDefaultPx: number | null = null;

/**
 * The root size actually in effect, px. In H5 the root is a percentage of the browser's own
 * default size (16 px unless the user changed it), measured once.
 */
export function effectiveRootPx(s: DisplaySettings): number {
  if (process.env.TARO_ENV !== 'h5') return rootPx(s);
  if (browserDefaultPx === null) {
    const probe = document.createElement('div');
    probe.style.cssText = 'position:absolute;visibility:hidden;font-size:medium';
    document.body.appendChild(probe);
    browserDefaultPx = parseFloat(getComputedStyle(probe).fontSize) || BASE_PX;
    probe.remove();
  }
  return (rootPx(s) * browserDefaultPx) / BASE_PX;
}

/** Root font size: px for the mini program's page-meta, a percentage for the browser. */
export function rootFontSize(s: DisplaySettings): string {
  const px = rootPx(s);
  if (process.env.TARO_ENV === 'h5') return `${Math.round((px / BASE_PX) * 1000) / 10}%`;
  return `${Math.round(px * 10) / 10}px`;
}

export function useDisplay(): DisplaySettings {
  const [settings, setSettings] = useState(getDisplay);
  useEffect(() => {
    listeners.add(setSettings);
    // the switch may have changed on another page while this one was hidden
    setSettings(getDisplay());
    return () => {
      listeners.delete(setSettings);
    };
  }, []);
  return settings;
}
