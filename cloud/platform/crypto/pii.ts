/**
 * Sensitive personal data (PIPL): ID and phone numbers are stored encrypted with AES-256-GCM
 * (random 96-bit IV per value, auth tag checked on read) and, for lookup and de-duplication,
 * as an HMAC-SHA256 under a separate key derived from the same secret (HKDF), so the lookup
 * hash reveals nothing and cannot be checked against a list without the key.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { Binary } from 'mongodb';
import type { EncryptedValue } from '../db/collections';

function subKey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), purpose, 32));
}

export class PiiCipher {
  private readonly encKey: Buffer;
  private readonly hashKey: Buffer;
  constructor(master: Buffer) {
    if (master.length !== 32) throw new Error('PII key must be 32 bytes');
    this.encKey = subKey(master, 'union-services/pii-encryption');
    this.hashKey = subKey(master, 'union-services/pii-lookup-hash');
  }

  encrypt(plain: string): EncryptedValue {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return { iv: new Binary(iv), tag: new Binary(cipher.getAuthTag()), data: new Binary(data) };
  }

  decrypt(value: EncryptedValue): string {
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(value.iv.buffer));
    decipher.setAuthTag(Buffer.from(value.tag.buffer));
    return Buffer.concat([decipher.update(Buffer.from(value.data.buffer)), decipher.final()]).toString(
      'utf8',
    );
  }

  lookupHash(normalized: string): string {
    return createHmac('sha256', this.hashKey).update(normalized).digest('hex');
  }
}

let cipher: { key: Buffer; cipher: PiiCipher } | undefined;
/** The process-wide cipher for the configured PII_KEY. */
export function piiCipherFor(key: Buffer): PiiCipher {
  if (!cipher || !cipher.key.equals(key)) cipher = { key, cipher: new PiiCipher(key) };
  return cipher.cipher;
}
