import type { Document } from 'bson';
import type { Engine } from '../engine/engine';
import type { CursorStore } from '../engine/cursors';
import type { WriteBatch } from '../engine/write-batch';

export interface ServerInfo {
  host: string;
  port: number;
  setName: string;
  startedAt: Date;
  electionId: unknown;
  connections: () => number;
}

/**
 * What a command handler gets: the engine (the storage engine, or inside a transaction the
 * transaction's view of it), the database named by `$db`, and the batch its writes go into.
 */
export interface CommandContext {
  engine: Engine;
  cursors: CursorStore;
  server: ServerInfo;
  db: string;
  batch: WriteBatch;
  connectionId: number;
  remote: string;
}

export type Handler = (cmd: Document, ctx: CommandContext) => Document;

export interface CommandSpec {
  handler: Handler;
  /** changes data: runs under the writer lock and is journaled before the reply */
  write?: boolean;
}
