/**
 * WeChat `auth.code2Session`: GET {base}/sns/jscode2session?appid&secret&js_code&grant_type=
 * authorization_code → { openid, session_key, unionid? } or { errcode, errmsg }. 40029 / 40163
 * mean the code is invalid or already used; 45011 is WeChat's per-user rate limit; -1 is busy.
 * The session_key stays on the server: callers get only the openid and unionid.
 */
import { AppError } from '../http/app-error';

export interface WechatIdentity {
  openid: string;
  unionid?: string;
}

interface Code2SessionReply {
  openid?: string;
  session_key?: string;
  unionid?: string;
  errcode?: number;
  errmsg?: string;
}

export interface WechatClientOptions {
  apiBase: string;
  appId: string;
  secret: string;
  timeoutMs?: number;
}

export async function code2Session(code: string, opts: WechatClientOptions): Promise<WechatIdentity> {
  const url = new URL(`${opts.apiBase}/sns/jscode2session`);
  url.searchParams.set('appid', opts.appId);
  url.searchParams.set('secret', opts.secret);
  url.searchParams.set('js_code', code);
  url.searchParams.set('grant_type', 'authorization_code');
  let reply: Code2SessionReply;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs ?? 5000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    reply = (await res.json()) as Code2SessionReply;
  } catch {
    throw new AppError('WECHAT_UNAVAILABLE');
  }
  if (reply.errcode) {
    if (reply.errcode === 40029 || reply.errcode === 40163) throw new AppError('WECHAT_CODE_INVALID');
    if (reply.errcode === 45011) throw new AppError('RATE_LIMITED');
    throw new AppError('WECHAT_UNAVAILABLE');
  }
  if (!reply.openid) throw new AppError('WECHAT_UNAVAILABLE');
  return { openid: reply.openid, unionid: reply.unionid };
}
