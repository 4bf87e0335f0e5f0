/** Test people: new workers with a complete profile, and extra officers, created through the real API / DB. */
import { ObjectId } from 'mongodb';
import { CURRENT_CONSENT_VERSION } from '../../src/contracts/members';
import { idNumberCheckChar } from '../../src/contracts/idNumber';
import type { Stack } from './api-stack';

let counter = 0;

/** A fresh, valid, unused ID number (born 1960–1999 in 330106). */
export function freshIdNumber(): string {
  counter++;
  const seq = String(100 + ((process.pid * 7 + counter * 13) % 900)).padStart(3, '0');
  const year = 1960 + (counter % 40);
  const month = String(1 + (counter % 12)).padStart(2, '0');
  const dayOfMonth = String(1 + ((counter * 3 + process.pid) % 28)).padStart(2, '0');
  const first17 = `330106${year}${month}${dayOfMonth}${seq}`;
  return first17 + idNumberCheckChar(first17);
}

export async function registeredWorker(
  stack: Stack,
  openid: string,
  orgId = 'c1d1t1b1',
  name = '测试职工',
): Promise<string> {
  const token = await stack.login(openid);
  const r = await stack.call('PUT', '/api/members/me', {
    token,
    body: {
      name,
      idNumber: freshIdNumber(),
      phone: '13700000000',
      orgId,
      consentVersion: CURRENT_CONSENT_VERSION,
    },
  });
  if (r.status !== 200) throw new Error(`profile for ${openid}: ${r.status} ${JSON.stringify(r.body)}`);
  return token;
}

/** Makes an existing member an officer of an org (as an admin would), then logs them in. */
export async function officerOf(stack: Stack, openid: string, orgId: string): Promise<string> {
  const org = await stack.db.collection('orgs').findOne({ _id: orgId as never });
  if (!org) throw new Error(`no org ${orgId}`);
  await stack.login(openid);
  await stack.db.collection('members').updateOne(
    { openid },
    {
      $set: {
        roles: ['worker', 'officer'],
        officerOrgId: orgId,
        officerLevel: org.level,
        officerOrgPath: org.path,
      },
    },
  );
  return stack.login(openid);
}

export const oid = (hex: string) => new ObjectId(hex);

/** A complete hardship-aid application, submitted with these evidence files (the worker's own uploads). */
export async function submitAidCaseWith(
  stack: Stack,
  token: string,
  evidenceFileIds: string[],
): Promise<string> {
  const r = await stack.call('POST', '/api/aid/cases', {
    token,
    body: {
      householdSize: 3,
      annualIncomeFen: 3_000_000,
      rigidExpenseFen: 600_000,
      mainCause: 'illness',
      description: '丈夫患病住院，家里只有我一份收入。',
      evidenceFileIds,
      submit: true,
    },
  });
  if (r.status !== 201) throw new Error(`aid case: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}
