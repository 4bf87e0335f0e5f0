/** A form's Idempotency-Keys: the same content keeps its key, changed content gets a new one. */
import { submissionKeys } from '../../src/services/submission-key';

describe('submission keys', () => {
  it('sends the same content again under the same key, so the cloud does it once', () => {
    const keyFor = submissionKeys();
    const first = keyFor({ closesOn: '2026-08-31', levels: ['undergraduate'] });
    expect(first).toMatch(/^[A-Za-z0-9_-]{8,128}$/);
    expect(keyFor({ closesOn: '2026-08-31', levels: ['undergraduate'] })).toBe(first);
  });

  it('gives corrected content a new key, which the cloud would refuse under the old one', () => {
    const keyFor = submissionKeys();
    const refused = keyFor({ closesOn: '2026-06-30' });
    const corrected = keyFor({ closesOn: '2026-08-31' });
    expect(corrected).not.toBe(refused);
    // each form has its own keys
    expect(submissionKeys()({ closesOn: '2026-08-31' })).not.toBe(corrected);
  });
});
