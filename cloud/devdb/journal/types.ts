/**
 * The contract between devdb's in-memory engine and its on-disk journal.
 *
 * The engine turns every acknowledged write (one command, or one committed transaction) into
 * one batch of logical operations and awaits `append(batch)` before it replies; the journal
 * resolves only once the batch is written and fsynced (group commit: several batches waiting
 * at once may share one fsync). A batch is atomic: after a crash, replay yields a batch whole or
 * not at all. On start the engine calls `open()` and applies every yielded batch in order.
 * `compact(take)` replaces the journal with a snapshot of the whole state (as a list of ops that
 * rebuild it) so the file does not grow without bound.
 *
 * Documents are plain BSON-able objects (ObjectId, Date, Long, Decimal128, Binary… kept intact).
 */
import type { Document } from 'bson';

export type JournalOp =
  | { op: 'createCollection'; db: string; coll: string; options?: Document }
  | { op: 'dropCollection'; db: string; coll: string }
  | { op: 'renameCollection'; db: string; coll: string; toDb: string; toColl: string }
  | { op: 'dropDatabase'; db: string }
  | { op: 'createIndex'; db: string; coll: string; spec: Document }
  | { op: 'dropIndex'; db: string; coll: string; name: string }
  /** insert or replace the whole document with this _id */
  | { op: 'put'; db: string; coll: string; doc: Document }
  | { op: 'delete'; db: string; coll: string; id: unknown };

export type JournalBatch = JournalOp[];

export interface Journal {
  /** Batches recorded so far, in order (snapshot first, then appended batches). A torn or corrupt tail is dropped. */
  replay(): AsyncIterable<JournalBatch> | Iterable<JournalBatch>;
  /** Durably appends one batch; resolves after fsync. */
  append(batch: JournalBatch): Promise<void>;
  /**
   * Atomically replaces everything with a snapshot (write new file, fsync, rename). The journal
   * calls `take` itself between two writes, when every batch appended so far is either written or
   * waiting: the snapshot covers exactly those (the waiting ones are acknowledged with it), and
   * batches appended while it is written follow it in the new file.
   */
  compact(take: () => JournalBatch): Promise<void>;
  /** Bytes currently in the journal file since the last compaction (the engine compacts past a threshold). */
  sizeBytes(): number;
  close(): Promise<void>;
}

export type OpenJournal = (dir: string) => Promise<Journal>;
