import Taro from '@tarojs/taro';

/** A value kept in Taro storage, or null when there is none (or storage cannot be read). */
export function readStored<T>(key: string): T | null {
  try {
    const value = Taro.getStorageSync(key) as T | '' | undefined;
    return value === '' || value === undefined ? null : value;
  } catch {
    return null;
  }
}
