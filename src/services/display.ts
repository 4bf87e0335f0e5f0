/**
 * Text size for older workers (DOMAIN.md "Older workers"). Every style is in rem, and each
 * page sets its root font size from two inputs:
 *  - the user's WeChat font setting (getAppBaseInfo().fontSizeScaleFactor, which includes
 *    「关怀模式」); never below the standard size, so tap targets stay ≥ 44px,
 *  - the 长辈版 switch (persisted): main text ≥ 18px; tap targets ≥ 60px via --tap (index.scss).
 * In H5 the root is a percentage, so the browser's own font setting still counts.
 */
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';

const ELDER_KEY = 'display.elder';
const BASE_PX = 16;
const ELDER_PX = 18;

export interface DisplaySettings {
  elder: boolean;
  /** WeChat font scale, ≥ 1 */
  scale: number;
}

type Listener = (s: DisplaySettings) => void;
const listeners = new Set<Listener>();
let current: DisplaySettings | null = null;

function wechatScale(): number {
  if (process.env.TARO_ENV !== 'weapp') return 1;
  try {
    const info = Taro.getAppBaseInfo() as { fontSizeScaleFactor?: number; fontSizeSetting?: number };
    const factor = info.fontSizeScaleFactor ?? (info.fontSizeSetting ? info.fontSizeSetting / 16 : 1);
    return Number.isFinite(factor) ? Math.min(Math.max(factor, 1), 2.5) : 1;
  } catch {
    return 1;
  }
}

export function getDisplay(): DisplaySettings {
  if (!current) {
    let elder = false;
    try {
      elder = Taro.getStorageSync(ELDER_KEY) === true;
    } catch {
      elder = false;
    }
    current = { elder, scale: wechatScale() };
  }
  return current;
}

export function setElderMode(elder: boolean): void {
  Taro.setStorageSync(ELDER_KEY, elder);
  current = { ...getDisplay(), elder };
  listeners.forEach((l) => l(current!));
}

/** Root font size: px for the mini program's page-meta, a percentage for the browser. */
export function rootFontSize(s: DisplaySettings): string {
  const px = s.elder ? Math.max(ELDER_PX, ELDER_PX * s.scale) : BASE_PX * s.scale;
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
