/**
 * The app's logger: one JSON line per entry, in pino's format, so any pino tool reads it
 * (`{"level":30,"time":1764500000000,"fn":"members","requestId":"…","msg":"request"}`): numeric
 * levels, the time in ms, a child's bindings, the entry's fields, then `msg`. An `Error` value
 * (as `err`, or any other field) is written as `{type, message, stack, code…, cause}`; a value
 * JSON cannot write (a cycle, a BigInt) is written anyway instead of throwing. Lines go to stdout
 * (where a cloud function's platform collects them) or to a destination tests set.
 *
 * It replaced pino, of which the app used only this. Measured interleaved (docs/benchmarks.md,
 * A/B rows "logger"): a cold start used 3–4% less CPU (about 4 ms with logs off, 7 ms with logs
 * at info), and the bundle lost pino's ten packages (about 150 KB). What pino offers beyond this
 * (transports in worker threads, redaction paths, custom serializers and levels, buffered
 * asynchronous writes, pretty printing) the app does not use: it never logs personal data, and
 * writes one line per request; pino's tools (pino-pretty) still read its lines.
 */
export const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;
export type Level = keyof typeof LEVELS;
export type LevelName = Level | 'silent';

export interface LogDestination {
  write(line: string): unknown;
}

type Entry = ((fields: object, msg?: string) => void) & ((msg: string) => void);

export interface Logger {
  readonly level: LevelName;
  isLevelEnabled(level: Level): boolean;
  /** a logger whose every line carries `bindings` too */
  child(bindings: Record<string, unknown>): Logger;
  trace: Entry;
  debug: Entry;
  info: Entry;
  warn: Entry;
  error: Entry;
  fatal: Entry;
}

const stdout: LogDestination = { write: (line) => process.stdout.write(line) };

/** `level` is a name of LEVELS or `silent`; an unknown name is refused (a typo would hide logs). */
export function createLogger(level: string, destination: LogDestination = stdout): Logger {
  if (level !== 'silent' && !(level in LEVELS)) throw new Error(`unknown log level "${level}"`);
  const threshold = level === 'silent' ? Infinity : LEVELS[level as Level];
  return makeLogger(level as LevelName, threshold, destination, '');
}

function makeLogger(level: LevelName, threshold: number, destination: LogDestination, bound: string): Logger {
  const entry = (n: number): Entry =>
    ((fieldsOrMsg: object | string, msg?: string) => {
      if (n < threshold) return;
      const fields = typeof fieldsOrMsg === 'string' ? '' : jsonFields(fieldsOrMsg);
      const text = typeof fieldsOrMsg === 'string' ? fieldsOrMsg : msg;
      const tail = text === undefined ? '' : `,"msg":${JSON.stringify(text)}`;
      destination.write(`{"level":${n},"time":${Date.now()}${bound}${fields}${tail}}\n`);
    }) as Entry;
  return {
    level,
    isLevelEnabled: (l) => LEVELS[l] >= threshold,
    child: (bindings) => makeLogger(level, threshold, destination, bound + jsonFields(bindings)),
    trace: entry(LEVELS.trace),
    debug: entry(LEVELS.debug),
    info: entry(LEVELS.info),
    warn: entry(LEVELS.warn),
    error: entry(LEVELS.error),
    fatal: entry(LEVELS.fatal),
  };
}

/** `,"key":value` for each own enumerable field whose value is not undefined. */
function jsonFields(fields: object): string {
  let out = '';
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    out += `,${JSON.stringify(key)}:${safeJson(value instanceof Error ? errorFields(value) : value)}`;
  }
  return out;
}

/** What pino's standard `err` serializer writes: the type, message, stack, own fields, cause. */
function errorFields(err: Error, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = { type: err.constructor?.name ?? 'Error', message: err.message };
  if (err.stack) out.stack = err.stack;
  for (const [key, value] of Object.entries(err)) {
    if (!(key in out)) out[key] = value instanceof Error ? errorFields(value, depth + 1) : value;
  }
  if (err.cause !== undefined && depth < 5)
    out.cause = err.cause instanceof Error ? errorFields(err.cause, depth + 1) : err.cause;
  return out;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    const seen = new WeakSet<object>();
    return (
      JSON.stringify(value, (_key, v: unknown) => {
        if (typeof v === 'bigint') return v.toString();
        if (typeof v === 'object' && v !== null) {
          if (seen.has(v)) return '[Circular]';
          seen.add(v);
        }
        return v;
      }) ?? 'null'
    );
  }
}
