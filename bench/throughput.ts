/**
 * Throughput of handlers invoked in this process with API Gateway events: each target serves
 * the same number of requests at the same concurrency, in rounds after a warm-up. In every round
 * each target runs once, in an order that rotates from round to round, so load from elsewhere on
 * a shared machine hits them alike; compare targets by the median of their per-round ratios
 * (report.ts `medianRatio`).
 */
import { performance } from 'node:perf_hooks';

export type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number }>;

export interface ThroughputTarget {
  name: string;
  handler: Handler;
  event: unknown;
}

/** Runs `total` requests, `concurrency` at a time; returns the elapsed milliseconds. */
export async function drive(
  handler: Handler,
  event: unknown,
  total: number,
  concurrency: number,
): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < total) {
      next++;
      const r = await handler(event, {});
      if (r.statusCode !== 200) throw new Error(`status ${r.statusCode}`);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return performance.now() - t0;
}

/** A target's rounds, in round order. */
export interface ThroughputFigures {
  /** requests per second of wall-clock time */
  rps: number[];
  /** requests per second of this process's CPU time (user + system): less moved by others' load */
  perCpuSecond: number[];
}

export async function throughputRounds(
  targets: ThroughputTarget[],
  opts: { perRound: number; concurrency: number; rounds: number; warmup: number },
): Promise<Record<string, ThroughputFigures>> {
  for (const t of targets) await drive(t.handler, t.event, opts.warmup, opts.concurrency); // connections, JIT
  const out: Record<string, ThroughputFigures> = Object.fromEntries(
    targets.map((t) => [t.name, { rps: [], perCpuSecond: [] }]),
  );
  for (let round = 0; round < opts.rounds; round++) {
    for (let k = 0; k < targets.length; k++) {
      const t = targets[(round + k) % targets.length];
      const cpu0 = process.cpuUsage();
      const ms = await drive(t.handler, t.event, opts.perRound, opts.concurrency);
      const cpu = process.cpuUsage(cpu0);
      out[t.name].rps.push(opts.perRound / (ms / 1000));
      out[t.name].perCpuSecond.push(opts.perRound / ((cpu.user + cpu.system) / 1e6));
    }
  }
  return out;
}
