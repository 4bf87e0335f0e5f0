/**
 * The `wx` APIs the app uses, answered the way the WeChat client answers them but against this
 * machine: a phone whose WeChat user is `phone.user`.
 *  - wx.login: a one-time code minted by the local WeChat stand-in for that user, so the app's
 *    POST /api/auth/wx-login goes through the real code2Session exchange;
 *  - wx.request / wx.uploadFile: real HTTP to the local API (the origin baked into the build is
 *    replaced by the test server's; path, query, headers and body are sent as the app made them;
 *    uploads as multipart/form-data, as WeChat sends them);
 *  - storage: kept per phone, values stored as JSON the way WeChat serialises them;
 *  - wx.chooseImage: `phone.photosToPick` real PNGs on disk (1 unless set), as if picked from
 *    the album, never more than the app allowed;
 *  - wx.requestSubscribeMessage: the user taps 允许 (recorded in `phone.subscriptions`);
 *  - wx.scanCode: the camera reads `phone.scans.shift()` (a real ticket string a test put
 *    there), or the person cancels when there is none.
 * Every call is recorded in `phone.calls` (API name and url) for tests that check where a
 * request went.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FakeWechat } from '../../../cloud/dev/fake-wechat-server';
import { evidencePng } from '../../e2e/support/evidence-photo';
import type { WxApi } from './miniprogram';

export interface LocalPhone {
  /** the WeChat user (openid) wx.login speaks for */
  user: string;
  storage: Map<string, string>;
  calls: { api: string; url?: string; method?: string; status?: number }[];
  subscriptions: string[];
  /** how many photos the person picks when the album opens */
  photosToPick: number;
  /** what the camera will read, in order, for wx.scanCode */
  scans: string[];
  /** requests and uploads sent and not yet answered */
  inFlight: number;
  /** Resolves once no request has been in flight for `quietMs` (at most `timeoutMs`). */
  idle(quietMs?: number, timeoutMs?: number): Promise<void>;
  wx: WxApi;
}

type Options = Record<string, any>;

function answer(name: string, options: Options, result: Options | Error): void {
  setTimeout(() => {
    if (result instanceof Error) {
      const res = { errMsg: `${name}:fail ${result.message}` };
      options.fail?.(res);
      options.complete?.(res);
    } else {
      const res = { errMsg: `${name}:ok`, ...result };
      options.success?.(res);
      options.complete?.(res);
    }
  }, 0);
}

function headersOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  res.headers.forEach((v, k) => (out[k] = v));
  return out;
}

/** WeChat sends GET data as a query string and other data as JSON (or as is when a string). */
function requestParts(options: Options): { url: string; body?: string } {
  const { method = 'GET', data } = options;
  if (method.toUpperCase() === 'GET' && data && typeof data === 'object') {
    const u = new URL(options.url);
    for (const [k, v] of Object.entries(data)) u.searchParams.set(k, String(v));
    return { url: u.toString() };
  }
  if (data === undefined || data === null) return { url: options.url };
  return { url: options.url, body: typeof data === 'string' ? data : JSON.stringify(data) };
}

export function localPhone(opts: {
  apiUrl: string;
  wechat: FakeWechat;
  user: string;
  tmpDir: string;
}): LocalPhone {
  const phone: LocalPhone = {
    user: opts.user,
    storage: new Map(),
    calls: [],
    subscriptions: [],
    photosToPick: 1,
    scans: [],
    inFlight: 0,
    async idle(quietMs = 60, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      let quietSince = Date.now();
      while (Date.now() < until) {
        await new Promise((r) => setTimeout(r, 10));
        if (phone.inFlight > 0) quietSince = Date.now();
        else if (Date.now() - quietSince >= quietMs) return;
      }
    },
    wx: {},
  };
  const toLocal = (url: string) => {
    const u = new URL(url);
    return new URL(u.pathname + u.search, opts.apiUrl).toString();
  };
  mkdirSync(opts.tmpDir, { recursive: true });
  let photos = 0;

  phone.wx = {
    login(options: Options) {
      phone.calls.push({ api: 'login' });
      answer('login', options, { code: opts.wechat.issueCode(phone.user) });
    },

    request(options: Options) {
      const controller = new AbortController();
      const { url, body } = requestParts(options);
      const target = toLocal(url);
      const method = (options.method ?? 'GET').toUpperCase();
      const header: Record<string, string> = { ...options.header };
      if (body !== undefined && !Object.keys(header).some((k) => k.toLowerCase() === 'content-type'))
        header['content-type'] = 'application/json';
      const call: LocalPhone['calls'][number] = { api: 'request', url: target, method };
      phone.calls.push(call);
      phone.inFlight++;
      fetch(target, { method, headers: header, body, signal: controller.signal })
        .finally(() => phone.inFlight--)
        .then(async (res) => {
          call.status = res.status;
          const text = await res.text();
          let data: unknown = text;
          if ((options.dataType ?? 'json') === 'json') {
            try {
              data = JSON.parse(text);
            } catch {
              data = text;
            }
          }
          answer('request', options, { statusCode: res.status, data, header: headersOf(res) });
        })
        .catch((e: Error) => answer('request', options, e));
      return { abort: () => controller.abort(), onHeadersReceived() {}, offHeadersReceived() {} };
    },

    uploadFile(options: Options) {
      const target = toLocal(options.url);
      const call: LocalPhone['calls'][number] = { api: 'uploadFile', url: target, method: 'POST' };
      phone.calls.push(call);
      const form = new FormData();
      for (const [k, v] of Object.entries(options.formData ?? {})) form.append(k, String(v));
      const bytes = readFileSync(options.filePath);
      form.append(options.name, new Blob([bytes]), path.basename(options.filePath));
      phone.inFlight++;
      fetch(target, { method: 'POST', headers: options.header ?? {}, body: form })
        .finally(() => phone.inFlight--)
        .then(async (res) => {
          call.status = res.status;
          answer('uploadFile', options, { statusCode: res.status, data: await res.text() });
        })
        .catch((e: Error) => answer('uploadFile', options, e));
      return { abort() {}, onProgressUpdate() {}, offProgressUpdate() {} };
    },

    chooseImage(options: Options) {
      const count = Math.min(phone.photosToPick, options.count ?? 9, 9);
      const tempFilePaths = Array.from({ length: count }, () => {
        const file = path.join(opts.tmpDir, `wxfile-${++photos}.png`);
        writeFileSync(file, evidencePng());
        return file;
      });
      phone.calls.push({ api: 'chooseImage' });
      answer('chooseImage', options, {
        tempFilePaths,
        tempFiles: tempFilePaths.map((p) => ({ path: p, size: readFileSync(p).length })),
      });
    },

    scanCode(options: Options) {
      phone.calls.push({ api: 'scanCode' });
      const result = phone.scans.shift();
      answer(
        'scanCode',
        options,
        result === undefined ? new Error('cancel') : { result, scanType: 'QR_CODE', charSet: 'UTF-8' },
      );
    },

    requestSubscribeMessage(options: Options) {
      const ids: string[] = options.tmplIds ?? [];
      phone.subscriptions.push(...ids);
      answer('requestSubscribeMessage', options, Object.fromEntries(ids.map((id) => [id, 'accept'])));
    },

    setStorageSync(key: string, value: unknown) {
      phone.storage.set(key, JSON.stringify(value));
    },
    getStorageSync(key: string) {
      const raw = phone.storage.get(key);
      return raw === undefined ? '' : JSON.parse(raw);
    },
    removeStorageSync(key: string) {
      phone.storage.delete(key);
    },
    clearStorageSync() {
      phone.storage.clear();
    },
    setStorage(options: Options) {
      phone.storage.set(options.key, JSON.stringify(options.data));
      answer('setStorage', options, {});
    },
    getStorage(options: Options) {
      const raw = phone.storage.get(options.key);
      answer(
        'getStorage',
        options,
        raw === undefined ? new Error('data not found') : { data: JSON.parse(raw) },
      );
    },
    removeStorage(options: Options) {
      phone.storage.delete(options.key);
      answer('removeStorage', options, {});
    },
  };
  return phone;
}
