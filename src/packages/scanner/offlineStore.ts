/**
 * What an offline scanner keeps on the device, per competition: whether the officer chose
 * offline mode, the downloaded pack (ids, codes and keys only: no personal data) with the
 * competition's title and lists to show, and the queue of scans not yet uploaded. Kept in
 * storage so closing the page or the app loses no scan.
 */
import Taro from '@tarojs/taro';
import type { OfflinePack } from '../../contracts/competitions';
import { readStored } from '../../services/storage';
import type { QueuedScan } from './offlineCheck';

export interface StoredPack {
  pack: OfflinePack;
  title: string;
}

const key = (competitionId: string, what: 'mode' | 'pack' | 'queue') => `scanner.${competitionId}.${what}`;

const read = readStored;

export const offlineStore = {
  isOffline: (id: string) => read<boolean>(key(id, 'mode')) === true,
  setOffline(id: string, on: boolean) {
    Taro.setStorageSync(key(id, 'mode'), on);
  },
  pack: (id: string) => read<StoredPack>(key(id, 'pack')),
  setPack(id: string, stored: StoredPack) {
    Taro.setStorageSync(key(id, 'pack'), stored);
  },
  queue: (id: string) => read<QueuedScan[]>(key(id, 'queue')) ?? [],
  setQueue(id: string, queue: QueuedScan[]) {
    Taro.setStorageSync(key(id, 'queue'), queue);
  },
};
