/** Checking a scan with the cloud (POST …/checkins): its answer, or its refusal, as a verdict. */
import type { CheckinResponse } from '../../contracts/competitions';
import { api, ApiError, errorText } from '../../services/api';
import { isRefusal, verdictOfResponse, type Verdict } from './verdict';

export async function checkOnline(
  competitionId: string,
  scan: { text: string; list: string; nonce: string },
): Promise<Verdict> {
  try {
    const r = await api.post<CheckinResponse>(`/api/competitions/${competitionId}/checkins`, {
      ticket: scan.text.trim(),
      list: scan.list,
      nonce: scan.nonce,
    });
    return verdictOfResponse(r);
  } catch (e) {
    if (e instanceof ApiError && isRefusal(e.code))
      return { kind: 'refused', code: e.code, reason: e.message };
    return { kind: 'unchecked', reason: errorText(e) };
  }
}
