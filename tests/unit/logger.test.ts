/**
 * The app's logger writes pino's line format (so pino's tools read it): one JSON object per
 * line, numeric level, time, a child's bindings, the fields, then msg; levels below the
 * configured one write nothing; errors keep their type, message, stack, code and cause; a value
 * JSON cannot write does not throw.
 */
import { createLogger } from '../../cloud/platform/log/logger';

function capture(level: string) {
  const lines: string[] = [];
  const log = createLogger(level, { write: (l) => lines.push(l) });
  return { log, lines, parsed: () => lines.map((l) => JSON.parse(l)) };
}

describe('the logger', () => {
  it('writes one JSON line per entry: level, time, bindings, fields, msg', () => {
    const { log, lines, parsed } = capture('info');
    const before = Date.now();
    log.child({ fn: 'members', requestId: 'r-1' }).info({ status: 200, ms: 1.5 }, 'request');
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith('}\n')).toBe(true);
    expect(lines[0].indexOf('\n')).toBe(lines[0].length - 1);
    const [line] = parsed();
    expect(Object.keys(line)).toEqual(['level', 'time', 'fn', 'requestId', 'status', 'ms', 'msg']);
    expect(line).toMatchObject({
      level: 30,
      fn: 'members',
      requestId: 'r-1',
      status: 200,
      ms: 1.5,
      msg: 'request',
    });
    expect(line.time).toBeGreaterThanOrEqual(before);
  });

  it('writes nothing below its level, and nothing at all when silent', () => {
    const warn = capture('warn');
    warn.log.info({ a: 1 }, 'hidden');
    warn.log.debug('hidden');
    warn.log.warn('shown');
    warn.log.error({ b: 2 }, 'shown too');
    expect(warn.parsed().map((l) => [l.level, l.msg])).toEqual([
      [40, 'shown'],
      [50, 'shown too'],
    ]);
    expect(warn.log.isLevelEnabled('info')).toBe(false);
    expect(warn.log.isLevelEnabled('warn')).toBe(true);
    const silent = capture('silent');
    silent.log.fatal('nothing');
    expect(silent.lines).toEqual([]);
    expect(silent.log.isLevelEnabled('fatal')).toBe(false);
  });

  it('refuses an unknown level name rather than hiding logs', () => {
    expect(() => createLogger('verbose')).toThrow(/unknown log level/);
  });

  it('writes an error with its type, message, stack, own fields and cause', () => {
    const { log, parsed } = capture('info');
    const cause = new TypeError('socket closed');
    const err = Object.assign(new Error('connection lost', { cause }), { code: 'ECONNRESET' });
    log.warn({ err }, 'database unavailable');
    const [line] = parsed();
    expect(line.err).toMatchObject({
      type: 'Error',
      message: 'connection lost',
      code: 'ECONNRESET',
      cause: { type: 'TypeError', message: 'socket closed' },
    });
    expect(line.err.stack).toContain('connection lost');
  });

  it('writes a value with a cycle or a BigInt instead of throwing', () => {
    const { log, parsed } = capture('info');
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    log.info({ loop, big: BigInt(2) ** BigInt(70) }, 'odd values');
    expect(parsed()[0]).toMatchObject({
      loop: { name: 'loop', self: '[Circular]' },
      big: '1180591620717411303424',
    });
  });

  it('keeps a child’s bindings apart from its parent’s', () => {
    const { log, parsed } = capture('info');
    const a = log.child({ fn: 'aid' });
    a.child({ requestId: 'r-2' }).info('inner');
    a.info('outer');
    expect(parsed().map(({ fn, requestId, msg }) => ({ fn, requestId, msg }))).toEqual([
      { fn: 'aid', requestId: 'r-2', msg: 'inner' },
      { fn: 'aid', requestId: undefined, msg: 'outer' },
    ]);
  });
});
