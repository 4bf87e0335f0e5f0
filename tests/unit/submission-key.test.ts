/** A form's Idempotency-Key: kept until the cloud answers, new after an answer (src/services/submission-key.ts). */
import { submissionKey } from '../../src/services/submission-key';

const refusal = (status: number, code: string) => Object.assign(new Error(code), { status, code });

describe("a form's submission key", () => {
  it('stays the same for a retry after a lost answer, a server error or a request still running', () => {
    const key = submissionKey();
    const first = key.current;
    expect(first).toMatch(/^[A-Za-z0-9_-]{8,128}$/);
    key.settle(refusal(0, 'NETWORK'));
    key.settle(refusal(503, 'DB_UNAVAILABLE'));
    key.settle(refusal(409, 'REQUEST_IN_PROGRESS'));
    expect(key.current).toBe(first);
  });

  it('is new once the cloud answered: a corrected form after a refusal, or the next submission after a success', () => {
    const key = submissionKey();
    const refused = key.current;
    key.settle(refusal(400, 'VALIDATION_FAILED'));
    const corrected = key.current;
    expect(corrected).not.toBe(refused);
    key.settle(refusal(429, 'UPLOAD_QUOTA_EXCEEDED'));
    expect(key.current).not.toBe(corrected);
    const before = key.current;
    key.settle();
    expect(key.current).not.toBe(before);
    // each form has its own
    expect(submissionKey().current).not.toBe(key.current);
  });
});
