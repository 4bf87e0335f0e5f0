/**
 * Handshake and server-information commands. devdb presents itself as the primary of a
 * one-member replica set, so the unmodified driver, mongoose and mongosh use sessions,
 * retryable writes and transactions. No topologyVersion: the driver then polls instead of
 * streaming hello.
 */
import os from 'node:os';
import type { Document } from 'bson';
import type { CommandContext, CommandSpec } from './context';

export const MAX_WIRE_VERSION = 21; // MongoDB 7.0

export function helloReply(ctx: CommandContext): Document {
  const me = `${ctx.server.host}:${ctx.server.port}`;
  return {
    helloOk: true,
    ismaster: true,
    isWritablePrimary: true,
    setName: ctx.server.setName,
    setVersion: 1,
    hosts: [me],
    primary: me,
    me,
    electionId: ctx.server.electionId,
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
}

const hello: CommandSpec = { handler: (_cmd, ctx) => helloReply(ctx) };

const simple = (reply: (cmd: Document, ctx: CommandContext) => Document): CommandSpec => ({ handler: reply });

export const adminCommands: Record<string, CommandSpec> = {
  hello,
  ismaster: hello,
  ping: simple(() => ({ ok: 1 })),
  buildinfo: simple(() => ({
    version: '7.0.0',
    gitVersion: 'devdb',
    versionArray: [7, 0, 0, 0],
    bits: 64,
    maxBsonObjectSize: 16 * 1024 * 1024,
    storageEngines: ['devdb'],
    modules: [],
    ok: 1,
  })),
  getparameter: simple((cmd) => {
    const reply: Document = { ok: 1 };
    if (cmd.featureCompatibilityVersion || cmd.getParameter === '*')
      reply.featureCompatibilityVersion = { version: '7.0' };
    return reply;
  }),
  getcmdlineopts: simple(() => ({ argv: ['devdb'], parsed: {}, ok: 1 })),
  serverstatus: simple((_cmd, ctx) => ({
    host: os.hostname(),
    version: '7.0.0',
    process: 'devdb',
    pid: process.pid,
    uptime: Math.floor((Date.now() - ctx.server.startedAt.getTime()) / 1000),
    localTime: new Date(),
    connections: { current: ctx.server.connections(), available: 1000 },
    storageEngine: { name: 'devdb' },
    ok: 1,
  })),
  connectionstatus: simple(() => ({
    authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] },
    ok: 1,
  })),
  hostinfo: simple(() => ({
    system: {
      currentTime: new Date(),
      hostname: os.hostname(),
      cpuAddrSize: 64,
      numCores: os.cpus().length,
      memSizeMB: Math.round(os.totalmem() / 1048576),
    },
    os: { type: os.type(), name: os.platform(), version: os.release() },
    extra: {},
    ok: 1,
  })),
  getlog: simple((cmd) =>
    cmd.getLog === '*'
      ? { names: ['global', 'startupWarnings'], ok: 1 }
      : { totalLinesWritten: 0, log: [], ok: 1 },
  ),
  whatsmyuri: simple((_cmd, ctx) => ({ you: ctx.remote, ok: 1 })),
  endsessions: simple((cmd, ctx) => {
    ctx.engine.sessions.end(Array.isArray(cmd.endSessions) ? cmd.endSessions : []);
    return { ok: 1 };
  }),
  killallsessions: simple(() => ({ ok: 1 })),
  refreshsessions: simple(() => ({ ok: 1 })),
  startsession: simple(() => ({ id: { id: crypto.randomUUID() }, timeoutMinutes: 30, ok: 1 })),
  dbstats: simple((_cmd, ctx) => {
    const colls = ctx.engine.collections(ctx.db);
    const objects = colls.reduce((n, c) => n + c.docs.size, 0);
    return {
      db: ctx.db,
      collections: colls.length,
      objects,
      dataSize: objects * 256,
      storageSize: objects * 256,
      indexes: colls.reduce((n, c) => n + c.indexes.size + 1, 0),
      ok: 1,
    };
  }),
};
