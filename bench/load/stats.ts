/**
 * Per-route figures of a load run: every request's latency and its outcome (HTTP status plus
 * the error code of an error answer, or `timeout` / `network` when no answer came back).
 */
import { percentile } from '../report';

export interface RouteStats {
  route: string;
  latencies: number[];
  outcomes: Map<string, number>;
}

export class LoadStats {
  private readonly routes = new Map<string, RouteStats>();
  startedAt = 0;
  endedAt = 0;

  record(route: string, ms: number, outcome: string): void {
    let r = this.routes.get(route);
    if (!r) this.routes.set(route, (r = { route, latencies: [], outcomes: new Map() }));
    r.latencies.push(ms);
    r.outcomes.set(outcome, (r.outcomes.get(outcome) ?? 0) + 1);
  }

  /** Drops everything recorded so far (the setup's requests are not part of the run). */
  reset(): void {
    this.routes.clear();
  }

  all(): RouteStats[] {
    return [...this.routes.values()].sort((a, b) => a.route.localeCompare(b.route));
  }

  seconds(): number {
    return (this.endedAt - this.startedAt) / 1000;
  }

  /** Requests answered 5xx or not answered at all, over every route. */
  failures(): number {
    let n = 0;
    for (const r of this.routes.values())
      for (const [o, c] of r.outcomes) if (/^5|timeout|network/.test(o)) n += c;
    return n;
  }

  total(): number {
    let n = 0;
    for (const r of this.routes.values()) n += r.latencies.length;
    return n;
  }

  /** p50/p95/p99 over all requests of all routes. */
  overall(): { p50: number; p95: number; p99: number } {
    const all = [...this.routes.values()].flatMap((r) => r.latencies).sort((a, b) => a - b);
    return { p50: percentile(all, 50), p95: percentile(all, 95), p99: percentile(all, 99) };
  }

  /** p50 of each route (the baseline column of another run's table). */
  medians(): Map<string, number> {
    return new Map(
      this.all().map((r) => [
        r.route,
        percentile(
          [...r.latencies].sort((a, b) => a - b),
          50,
        ),
      ]),
    );
  }

  static readonly HEADERS = [
    'route',
    'requests',
    'req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'p50 alone',
    'outcomes',
  ];

  /** One row per route; `alone` gives each route's p50 with nobody else around (the baseline). */
  rows(alone: Map<string, number>): (string | number)[][] {
    const secs = this.seconds();
    return this.all().map((r) => {
      const sorted = [...r.latencies].sort((a, b) => a - b);
      const outcomes = [...r.outcomes.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([o, c]) => `${o}: ${c}`)
        .join(', ');
      const base = alone.get(r.route);
      return [
        `\`${r.route}\``,
        r.latencies.length,
        (r.latencies.length / secs).toFixed(1),
        percentile(sorted, 50).toFixed(0),
        percentile(sorted, 95).toFixed(0),
        percentile(sorted, 99).toFixed(0),
        base === undefined ? '' : `${base.toFixed(0)} ms (×${(percentile(sorted, 50) / base).toFixed(1)})`,
        outcomes,
      ];
    });
  }
}
