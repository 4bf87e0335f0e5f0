/**
 * Frame of every page: sets the root font size (WeChat font setting + 长辈版, see
 * services/display.ts), sends a signed-out visitor to the login page, and shows at the top a
 * notice another page left for this one (services/flash.ts, e.g. after saving the profile).
 * In the mini program the root size goes through <PageMeta>, which must be the page's first
 * node and needs `enablePageMeta: true` in the page config.
 */
import { PageMeta, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState, type ReactNode } from 'react';
import { rootFontSize, useDisplay } from '../services/display';
import { takeNextPageNotice } from '../services/flash';
import { getToken, LOGIN_PAGE } from '../services/session';

interface Props {
  title?: string;
  /** default true: pages other than login need a signed-in member */
  requireLogin?: boolean;
  children?: ReactNode;
}

export function PageShell({ title, requireLogin = true, children }: Props) {
  const display = useDisplay();
  const root = rootFontSize(display);

  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') document.documentElement.style.fontSize = root;
  }, [root]);

  const [notice, setNotice] = useState<string | null>(null);
  useDidShow(() => {
    if (requireLogin && !getToken()) void Taro.reLaunch({ url: LOGIN_PAGE });
    // shown once: the next time this page is shown it is gone
    setNotice(takeNextPageNotice());
  });

  return (
    <>
      {process.env.TARO_ENV === 'weapp' && <PageMeta rootFontSize={root} pageStyle={`font-size: ${root};`} />}
      <View className={display.elder ? 'shell elder' : 'shell'}>
        {notice ? (
          <View className="notice success" id="page-notice" ariaRole="alert">
            ✓ {notice}
          </View>
        ) : null}
        {title ? <View className="page-title">{title}</View> : null}
        {children}
      </View>
    </>
  );
}
