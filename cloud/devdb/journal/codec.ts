/**
 * Journal record payloads. A payload is a plain sequence of BSON documents, one per op, so a batch
 * is limited only by memory, not by BSON's 16 MB document limit (a 48 MB insert message or a
 * snapshot of a large database is one or several records of many small documents). The framing
 * checksum covers the whole payload, so a batch is still replayed whole or not at all.
 * Journals written before this format hold one `{b: [ops]}` document per record; those are read too.
 */
import { deserialize, serialize } from 'bson';
import type { JournalBatch, JournalOp } from './types';

const READ = { promoteLongs: true, promoteValues: true } as const;

export function encodeBatch(batch: JournalBatch): Buffer {
  return Buffer.concat(batch.map((op) => serialize(op)));
}

export function decodeBatch(payload: Buffer): JournalBatch {
  const docs: JournalOp[] = [];
  let offset = 0;
  while (offset < payload.length) {
    const size = payload.readInt32LE(offset);
    if (size < 5 || offset + size > payload.length) throw new Error('journal record holds a torn document');
    const doc = deserialize(payload.subarray(offset, offset + size), READ);
    if (offset === 0 && Array.isArray(doc.b) && doc.op === undefined) return doc.b as JournalBatch; // older format
    docs.push(doc as JournalOp);
    offset += size;
  }
  return docs;
}

/** Splits a snapshot into batches of about `bytes` each, so no single record becomes huge. */
export function* chunkBatch(batch: JournalBatch, bytes: number): Generator<Buffer> {
  let parts: Buffer[] = [];
  let size = 0;
  for (const op of batch) {
    const b = serialize(op);
    parts.push(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
    size += b.length;
    if (size >= bytes) {
      yield Buffer.concat(parts);
      parts = [];
      size = 0;
    }
  }
  if (parts.length) yield Buffer.concat(parts);
}
