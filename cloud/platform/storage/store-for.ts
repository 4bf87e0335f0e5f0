import type { AppConfig } from '../config/config';
import type { BlobStore } from './blob-store';
import { LocalDirStore } from './local-store';
import { S3Store } from './s3-store';

export function blobStoreFor(storage: AppConfig['storage']): BlobStore {
  return storage.kind === 'local' ? new LocalDirStore(storage.dir) : new S3Store(storage);
}
