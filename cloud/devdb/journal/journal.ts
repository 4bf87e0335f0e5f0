/**
 * The devdb journal: one append-only file (`journal.bin`) of framed records (framing.ts), one
 * record per acknowledged batch (codec.ts). `append` resolves after write + fsync; batches that
 * arrive while an fsync is in flight are written together and share the next fsync (group
 * commit). On open, a torn or corrupt tail is cut off (truncate) so later appends start on a
 * clean boundary. `compact` writes a snapshot (as several records) to a temp file, fsyncs it,
 * renames it over the journal and fsyncs the directory: a crash at any point leaves either the
 * old history or the new snapshot, and the snapshot file is never torn because it is complete
 * before it gets the journal's name. Appends go on during a compaction: nothing waits for it but
 * the acknowledgement of records that arrive meanwhile.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { chunkBatch, decodeBatch, encodeBatch } from './codec';
import { frame, unframe } from './framing';
import type { Journal, JournalBatch, OpenJournal } from './types';

const FILE = 'journal.bin';
const SNAPSHOT_RECORD_BYTES = 4 * 1024 * 1024;
/** the journal holds every document (personal data): its owner alone reads it */
const FILE_MODE = 0o600;
/** fsyncs that may run at once: one for the group written last, one for the group before */
const SYNCS_IN_FLIGHT = 2;

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

interface Pending {
  bytes: Buffer;
  resolve: () => void;
  reject: (e: unknown) => void;
}

interface CompactRequest {
  take: () => JournalBatch;
  resolve: () => void;
  reject: (e: unknown) => void;
}

class FileJournal implements Journal {
  private pending: Pending[] = [];
  private compactRequest: CompactRequest | null = null;
  private flushing: Promise<void> | null = null;
  private readonly syncing = new Set<Promise<void>>();
  private bytes: number;

  constructor(
    private readonly dir: string,
    private handle: FileHandle,
    private readonly batches: JournalBatch[],
    size: number,
  ) {
    this.bytes = size;
  }

  replay(): Iterable<JournalBatch> {
    return this.batches.splice(0);
  }

  sizeBytes(): number {
    return this.bytes;
  }

  append(batch: JournalBatch): Promise<void> {
    const bytes = frame(encodeBatch(batch));
    return new Promise((resolve, reject) => {
      this.pending.push({ bytes, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  compact(take: () => JournalBatch): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.compactRequest) {
        const earlier = this.compactRequest;
        this.compactRequest = {
          take,
          resolve: () => (earlier.resolve(), resolve()),
          reject: (e) => (earlier.reject(e), reject(e)),
        };
      } else this.compactRequest = { take, resolve, reject };
      this.flushing ??= this.flush();
    });
  }

  /**
   * The one writer of the file. Records that arrived while the previous write ran are written
   * together and share one fsync (group commit). Writes go one after the other, so the file keeps
   * the order of `append`; a group's fsync may still run while the next group is written (at most
   * SYNCS_IN_FLIGHT at once): an fsync covers everything written before it started, so each
   * record is acknowledged after one that covers it, without waiting for the previous group's.
   * A compaction runs between two groups, once the fsyncs in flight are done.
   */
  private async flush(): Promise<void> {
    while (this.pending.length || this.compactRequest || this.syncing.size) {
      if (this.compactRequest && this.syncing.size) {
        await Promise.all(this.syncing); // the old file's fsyncs end before it is replaced
        continue;
      }
      if (this.compactRequest) {
        const request = this.compactRequest;
        this.compactRequest = null;
        // Every write applied so far is in memory, so in the snapshot taken now: the records still
        // waiting are covered by it and are acknowledged when it is durable, not written again.
        const covered = this.pending.splice(0);
        try {
          await this.writeSnapshot(request.take());
          for (const g of covered) g.resolve();
          request.resolve();
        } catch (e) {
          for (const g of covered) g.reject(e);
          request.reject(e);
        }
        continue;
      }
      if (this.pending.length === 0 || this.syncing.size >= SYNCS_IN_FLIGHT) {
        await Promise.race(this.syncing);
        continue;
      }
      const group = this.pending.splice(0);
      const data = Buffer.concat(group.map((g) => g.bytes));
      try {
        await this.handle.write(data, 0, data.length);
      } catch (e) {
        for (const g of group) g.reject(e);
        continue;
      }
      this.bytes += data.length;
      const synced = this.handle.datasync().then(
        () => group.forEach((g) => g.resolve()),
        (e: unknown) => group.forEach((g) => g.reject(e)),
      );
      this.syncing.add(synced);
      void synced.finally(() => this.syncing.delete(synced));
    }
    this.flushing = null;
  }

  /**
   * The snapshot goes to a temporary file (written record by record, letting other work run in
   * between), is fsynced, and only then renamed over the journal (and the directory fsynced): a
   * crash at any point leaves either the old journal or the complete new one.
   */
  private async writeSnapshot(snapshot: JournalBatch): Promise<void> {
    const tmp = path.join(this.dir, `${FILE}.compact`);
    let size = 0;
    const out = await open(tmp, 'w', FILE_MODE);
    try {
      for (const payload of chunkBatch(snapshot, SNAPSHOT_RECORD_BYTES)) {
        const record = frame(payload);
        await out.write(record, 0, record.length);
        size += record.length;
      }
      await out.sync();
    } finally {
      await out.close();
    }
    await this.handle.close();
    renameSync(tmp, path.join(this.dir, FILE));
    fsyncDir(this.dir);
    this.handle = await open(path.join(this.dir, FILE), 'a', FILE_MODE);
    this.bytes = size;
  }

  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    await this.handle.close();
  }
}

export const openJournal: OpenJournal = async (dir) => {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, FILE);
  const batches: JournalBatch[] = [];
  let size = 0;
  if (existsSync(file)) {
    const data = readFileSync(file);
    const { payloads, validBytes } = unframe(data);
    for (const p of payloads) batches.push(decodeBatch(p));
    if (validBytes < data.length) {
      // drop the torn / corrupt tail so the next append starts on a record boundary
      const h = await open(file, 'r+');
      await h.truncate(validBytes);
      await h.sync();
      await h.close();
    }
    size = validBytes;
  }
  const created = !existsSync(file);
  const handle = await open(file, 'a', FILE_MODE);
  if (created) fsyncDir(dir); // the new file's directory entry must survive a crash too
  return new FileJournal(dir, handle, batches, size);
};
