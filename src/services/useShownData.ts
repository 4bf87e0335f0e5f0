/**
 * Data a page reads from the cloud each time it is shown (coming back to a page must show what
 * changed meanwhile): the last good answer, the failure in words, and `reload` for after an action.
 * An answer that arrives after a newer request started is dropped.
 */
import { useDidShow } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { errorText } from './api';

export function useShownData<T>(fetch: () => Promise<T>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(fetch);
  latest.current = fetch;
  const seq = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const value = await latest.current();
      if (mine !== seq.current) return;
      setData(value);
      setError(null);
    } catch (e) {
      if (mine === seq.current) setError(errorText(e));
    }
  }, []);

  useDidShow(() => {
    void reload();
  });

  return { data, setData, error, setError, reload };
}
