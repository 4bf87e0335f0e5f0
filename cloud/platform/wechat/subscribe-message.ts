/**
 * WeChat subscription messages (订阅消息): one tap of 允许 grants one message per template, so
 * the server counts grants per member and template and spends one per message sent. Sending
 * needs an access token (GET /cgi-bin/token, cached until shortly before it expires) and
 * POST /cgi-bin/message/subscribe/send. The in-app message centre stays the reliable channel:
 * a failed send is logged and returned, never thrown into the business action.
 */
import type { WechatClientOptions } from './code2session';

let cached: { base: string; token: string; expiresAt: number } | null = null;

async function accessToken(opts: WechatClientOptions): Promise<string> {
  if (cached && cached.base === opts.apiBase && cached.expiresAt > Date.now()) return cached.token;
  const url = new URL(`${opts.apiBase}/cgi-bin/token`);
  url.searchParams.set('grant_type', 'client_credential');
  url.searchParams.set('appid', opts.appId);
  url.searchParams.set('secret', opts.secret);
  const res = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs ?? 5000) });
  const body = (await res.json()) as {
    access_token?: string;
    expires_in?: number;
    errcode?: number;
    errmsg?: string;
  };
  if (!body.access_token) throw new Error(`access token: ${body.errcode} ${body.errmsg}`);
  cached = {
    base: opts.apiBase,
    token: body.access_token,
    expiresAt: Date.now() + ((body.expires_in ?? 7200) - 300) * 1000,
  };
  return body.access_token;
}

export interface SubscriptionMessage {
  openid: string;
  templateId: string;
  page: string;
  data: Record<string, string>;
}

/** Sends one message; resolves with WeChat's errcode (0 = delivered). */
export async function sendSubscriptionMessage(
  msg: SubscriptionMessage,
  opts: WechatClientOptions,
): Promise<number> {
  const send = async (token: string) => {
    const res = await fetch(
      `${opts.apiBase}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          touser: msg.openid,
          template_id: msg.templateId,
          page: msg.page,
          miniprogram_state: 'formal',
          lang: 'zh_CN',
          data: Object.fromEntries(Object.entries(msg.data).map(([k, v]) => [k, { value: v.slice(0, 20) }])),
        }),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 5000),
      },
    );
    return ((await res.json()) as { errcode: number }).errcode;
  };
  let code = await send(await accessToken(opts));
  if (code === 40001 || code === 42001) {
    cached = null; // token revoked or expired early: fetch a new one once
    code = await send(await accessToken(opts));
  }
  return code;
}
