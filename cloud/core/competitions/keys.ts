/**
 * A competition's secrets: its Ed25519 signing key (tickets) and the venue-code secret (self
 * sign-in), made when the competition is created, stored only encrypted with the PII key
 * (AES-256-GCM) and never sent anywhere. The public key is stored and shown in the clear.
 */
import { randomBytes } from 'node:crypto';
import type { ObjectId, Db } from 'mongodb';
import type { PiiCipher } from '../../platform/crypto/pii';
import type { EncryptedValue } from '../../platform/db/collections';
import { fromBase64Url, newTicketKeys, toBase64Url } from '../../../src/contracts/ticket';
import { findCompetitionSecrets } from './repository';

export interface CompetitionSecrets {
  signingKey: Uint8Array;
  venueSecret: Uint8Array;
}

export function newCompetitionSecrets(cipher: PiiCipher): { publicKey: string; secretsEnc: EncryptedValue } {
  const { secretKey, publicKey } = newTicketKeys();
  const sealed = JSON.stringify({
    signing: toBase64Url(secretKey),
    venue: randomBytes(32).toString('base64url'),
  });
  return { publicKey: toBase64Url(publicKey), secretsEnc: cipher.encrypt(sealed) };
}

export async function secretsOf(
  db: Db,
  cipher: PiiCipher,
  competitionId: ObjectId,
): Promise<CompetitionSecrets> {
  const sealed = await findCompetitionSecrets(db, competitionId);
  if (!sealed) throw new Error(`competition ${competitionId.toHexString()} has no secrets`);
  const { signing, venue } = JSON.parse(cipher.decrypt(sealed)) as { signing: string; venue: string };
  return { signingKey: fromBase64Url(signing)!, venueSecret: fromBase64Url(venue)! };
}
