/**
 * The number of unread messages, shown on the 消息 tab (weapp setTabBarBadge; in H5 Taro draws
 * the same badge in its tab bar) and on 首页. Tab pages refresh it when they show; the message
 * centre sets it from its own list. Nothing is shown when everything has been read.
 */
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { UnreadCountResponse } from '../contracts/notifications';
import { api } from './api';
import { getToken } from './session';

const MESSAGES_TAB = 1;

type Listener = (n: number) => void;
const listeners = new Set<Listener>();
let unread = 0;

/** The badge's text: the count, or 99+ when it would not fit. */
export function badgeText(n: number): string {
  return n > 99 ? '99+' : String(n);
}

function showOnTab(n: number): void {
  // both fail when no tab bar is on screen (a subpackage page): the next tab page sets it again
  const done =
    n > 0
      ? Taro.setTabBarBadge({ index: MESSAGES_TAB, text: badgeText(n) })
      : Taro.removeTabBarBadge({ index: MESSAGES_TAB });
  void Promise.resolve(done).catch(() => undefined);
}

export function setUnread(n: number): void {
  unread = Math.max(0, n);
  showOnTab(unread);
  listeners.forEach((l) => l(unread));
}

/** Asks the cloud again; a failure keeps the last count (the page says its own errors). */
export async function refreshUnread(): Promise<void> {
  if (!getToken()) return setUnread(0);
  try {
    setUnread((await api.get<UnreadCountResponse>('/api/notifications/unread', { retries: 0 })).unread);
  } catch {
    // only a hint: the message centre itself shows the list or the failure in words
  }
}

export function useUnread(): number {
  const [n, set] = useState(unread);
  useEffect(() => {
    listeners.add(set);
    set(unread);
    return () => {
      listeners.delete(set);
    };
  }, []);
  return n;
}
