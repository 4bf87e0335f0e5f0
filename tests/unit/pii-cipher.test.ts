import { randomBytes } from 'node:crypto';
import { PiiCipher } from '../../cloud/platform/crypto/pii';

describe('PII encryption at rest', () => {
  const cipher = new PiiCipher(randomBytes(32));

  it('round-trips a value and never stores it in clear', () => {
    const enc = cipher.encrypt('330106198001011235');
    expect(Buffer.from(enc.data.buffer).toString('utf8')).not.toContain('3301061980');
    expect(cipher.decrypt(enc)).toBe('330106198001011235');
  });

  it('uses a fresh IV each time, so equal values do not look equal', () => {
    const a = cipher.encrypt('13800000000');
    const b = cipher.encrypt('13800000000');
    expect(Buffer.from(a.data.buffer).equals(Buffer.from(b.data.buffer))).toBe(false);
  });

  it('refuses a tampered ciphertext (GCM tag)', () => {
    const enc = cipher.encrypt('330106198001011235');
    const bytes = Buffer.from(enc.data.buffer);
    bytes[0] ^= 1;
    expect(() => cipher.decrypt({ ...enc, data: new (enc.data.constructor as any)(bytes) })).toThrow();
  });

  it('gives a stable keyed lookup hash that differs under another key', () => {
    const other = new PiiCipher(randomBytes(32));
    expect(cipher.lookupHash('X')).toBe(cipher.lookupHash('X'));
    expect(cipher.lookupHash('X')).not.toBe(other.lookupHash('X'));
  });
});
