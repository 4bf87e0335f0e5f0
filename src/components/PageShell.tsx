/**
 * Frame of every page: sets the root font size (WeChat font setting + 长辈版, see
 * services/display.ts) and sends a signed-out visitor to the login page.
 * In the mini program the root size goes through <PageMeta>, which must be the page's first
 * node and needs `enablePageMeta: true` in the page config.
 */
import { PageMeta, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, type ReactNode } from 'react';
import { rootFontSize, useDisplay } from '../services/display';
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

  useDidShow(() => {
    if (requireLogin && !getToken()) void Taro.reLaunch({ url: LOGIN_PAGE });
  });

  return (
    <>
      {process.env.TARO_ENV === 'weapp' && <PageMeta rootFontSize={root} pageStyle={`font-size: ${root};`} />}
      <View className={display.elder ? 'shell elder' : 'shell'}>
        {title ? <View className="page-title">{title}</View> : null}
        {children}
      </View>
    </>
  );
}
