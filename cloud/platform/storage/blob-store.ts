/** Where uploaded bytes live: a local directory by default, S3-compatible storage when configured. */
export interface BlobStore {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  /** removes the object; one that is already gone is no error */
  delete(key: string): Promise<void>;
}
