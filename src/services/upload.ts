/**
 * Evidence photos: pick from the album or camera, then send each to POST /api/files with
 * Taro.uploadFile (multipart, what wx.uploadFile sends). Each photo gets its own
 * Idempotency-Key, reused when its upload is retried after a network failure, so a photo that
 * reached the server before the answer was lost is not stored twice. The server types the file
 * by its content and answers with a stable error code when it is not a photo or PDF, or too big.
 */
import Taro from '@tarojs/taro';
import { ERRORS, isErrorBody } from '../contracts/errors';
import type { UploadedFileView } from '../contracts/files';
import { ApiError, NETWORK_MESSAGE, newIdempotencyKey } from './api';
import { getToken } from './session';

export interface PickedPhoto {
  localPath: string;
}

/** Lets the worker choose up to `count` photos; an empty list when they cancel. */
export async function pickPhotos(count: number): Promise<PickedPhoto[]> {
  try {
    const res = await Taro.chooseImage({
      count: Math.max(1, Math.min(count, 9)),
      // compressed: a phone photo of a paper is readable at a fraction of the bytes (poor signal)
      sizeType: ['compressed'],
      sourceType: ['album', 'camera'],
    });
    return res.tempFilePaths.map((localPath) => ({ localPath }));
  } catch {
    return []; // cancelled
  }
}

function parse(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}

/** Uploads one photo; retried (same key) when no answer came back. */
export async function uploadPhoto(photo: PickedPhoto, retries = 2): Promise<UploadedFileView> {
  const key = newIdempotencyKey();
  const token = getToken();
  for (let attempt = 0; ; attempt++) {
    let res: Taro.uploadFile.SuccessCallbackResult;
    try {
      res = await Taro.uploadFile({
        url: `${API_BASE}/api/files`,
        filePath: photo.localPath,
        name: 'file',
        header: { 'Idempotency-Key': key, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      });
    } catch {
      if (attempt < retries) {
        await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
        continue;
      }
      throw new ApiError('NETWORK', NETWORK_MESSAGE, 0);
    }
    const body = parse(res.data);
    if (res.statusCode >= 200 && res.statusCode < 300 && body && typeof body === 'object' && 'id' in body)
      return body as UploadedFileView;
    if (isErrorBody(body)) throw new ApiError(body.error.code, body.error.message, res.statusCode);
    throw new ApiError('INTERNAL', ERRORS.INTERNAL.message, res.statusCode);
  }
}
