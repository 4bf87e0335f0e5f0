/**
 * The devdb journal: one append-only file (`journal.bin`) of framed records (framing.ts), one
 * record per acknowledged batch (codec.ts). `append` resolves after write + fsync; batches that
 * arrive while an fsync is in flight are written together and share the next fsync (group
 * commit). On open, a torn or corrupt tail is cut off (truncate) so later appends start on a
 * clean boundary. `compact` writes a snapshot (as several records) to a temp file, fsyncs it,
 * renames it over the journal and fsyncs the directory: a crash at any point leaves either the
 * old history or the new snapshot, and the snapshot file is never torn because it is complete
 * before it gets the journal's name.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { chunkBatch, decodeBatch, encodeBatch } from './codec';
import { frame, unframe } from './framing';
import type { Journal, JournalBatch, OpenJournal } from './types';

const FILE = 'journal.bin';
const SNAPSHOT_RECORD_BYTES = 4 * 1024 * 1024;
/** the journal holds every document (personal data): its owner alone reads it */
const FILE_MODE = 0o600;

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

class FileJournal implements Journal {
  private pending: { bytes: Buffer; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private flushing = false;
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
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.pending.length) {
      const group = this.pending.splice(0);
      try {
        const data = Buffer.concat(group.map((g) => g.bytes));
        await this.handle.write(data, 0, data.length);
        await this.handle.datasync();
        this.bytes += data.length;
        for (const g of group) g.resolve();
      } catch (e) {
        for (const g of group) g.reject(e);
      }
    }
    this.flushing = false;
  }

  async compact(snapshot: JournalBatch): Promise<void> {
    while (this.flushing) await new Promise((r) => setImmediate(r));
    const tmp = path.join(this.dir, `${FILE}.compact`);
    let size = 0;
    const fd = openSync(tmp, 'w', FILE_MODE);
    try {
      for (const payload of chunkBatch(snapshot, SNAPSHOT_RECORD_BYTES)) {
        const record = frame(payload);
        writeSync(fd, record);
        size += record.length;
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    await this.handle.close();
    renameSync(tmp, path.join(this.dir, FILE));
    fsyncDir(this.dir);
    this.handle = await open(path.join(this.dir, FILE), 'a', FILE_MODE);
    this.bytes = size;
  }

  async close(): Promise<void> {
    while (this.flushing) await new Promise((r) => setImmediate(r));
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
