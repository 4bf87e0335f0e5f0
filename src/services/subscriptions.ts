/**
 * WeChat subscription messages (订阅消息): one tap on 「允许」 grants one message per template, so
 * the app asks at the moments a worker expects news (submitting an application) and tells the
 * cloud what was granted; the cloud counts the grants and spends one per decision. The message
 * centre (消息) stays the channel that always works; outside WeChat (H5) there is nothing to ask.
 */
import Taro from '@tarojs/taro';
import { api } from './api';

type Templates = Record<string, string>;
/** WeChat shows the request only when it is made synchronously inside the tap: load ids first. */
let loaded: Templates | null = null;
let loading = false;

export function prefetchTemplates(): void {
  if (process.env.TARO_ENV !== 'weapp' || loaded || loading) return;
  loading = true;
  api
    .get<Templates>('/api/notifications/templates')
    .then((t) => (loaded = t))
    .catch(() => undefined)
    .finally(() => (loading = false));
}

/** Call first thing in a tap handler; never throws, never blocks what the tap does. */
export function askForProgressMessages(key: string): void {
  const id = loaded?.[key];
  if (process.env.TARO_ENV !== 'weapp' || !id) return;
  Taro.requestSubscribeMessage({ tmplIds: [id], entityIds: [] })
    .then((res) => {
      const answer = (res as unknown as Record<string, string>)[id];
      if (answer) return api.post('/api/notifications/subscriptions', { results: { [id]: answer } });
    })
    .catch(() => undefined); // declined or not supported: the message centre still tells them
}
