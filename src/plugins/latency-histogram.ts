/**
 * LatencyHistogram: call durations in ticks, exact. Durations are integers,
 * so it keeps a count per distinct duration; percentiles are exact
 * (nearest rank: the smallest duration d such that at least p% of the
 * samples are <= d) and memory grows with distinct durations, not calls.
 *
 * Interface: `record(ticks)`, `count`, `percentile(p)`, `summary()` ->
 * `{count, min, p50, p90, p99, max, mean, buckets}` where `buckets` are the
 * power-of-two ranges [0,0], [1,1], [2,3], [4,7], ... up to the one holding
 * `max`, each with its count (empty ones included, so the shape is plain).
 */
export interface LatencyBucket {
  readonly ticksMin: number;
  readonly ticksMax: number;
  readonly count: number;
}

export interface LatencySummary {
  readonly count: number;
  readonly min: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
  readonly buckets: readonly LatencyBucket[];
}

export class LatencyHistogram {
  private readonly byTicks = new Map<number, number>();
  count = 0;
  sumTicks = 0;
  maxTicks = 0;
  minTicks = Infinity;

  record(ticks: number): void {
    this.byTicks.set(ticks, (this.byTicks.get(ticks) ?? 0) + 1);
    this.count++;
    this.sumTicks += ticks;
    if (ticks > this.maxTicks) this.maxTicks = ticks;
    if (ticks < this.minTicks) this.minTicks = ticks;
  }

  /** Nearest-rank percentile, p in (0, 100]; 0 when empty. */
  percentile(p: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (const ticks of this.sorted()) {
      seen += this.byTicks.get(ticks)!;
      if (seen >= rank) return ticks;
    }
    return this.maxTicks;
  }

  buckets(): LatencyBucket[] {
    if (this.count === 0) return [];
    const out: { ticksMin: number; ticksMax: number; count: number }[] = [
      { ticksMin: 0, ticksMax: 0, count: 0 },
    ];
    while (out[out.length - 1].ticksMax < this.maxTicks) {
      const lo = out[out.length - 1].ticksMax + 1;
      out.push({ ticksMin: lo, ticksMax: lo * 2 - 1, count: 0 });
    }
    for (const [ticks, n] of this.byTicks)
      out[ticks === 0 ? 0 : Math.floor(Math.log2(ticks)) + 1].count += n;
    return out;
  }

  summary(): LatencySummary {
    const empty = this.count === 0;
    return {
      count: this.count,
      min: empty ? 0 : this.minTicks,
      p50: this.percentile(50),
      p90: this.percentile(90),
      p99: this.percentile(99),
      max: this.maxTicks,
      mean: empty ? 0 : this.sumTicks / this.count,
      buckets: this.buckets(),
    };
  }

  private sorted(): number[] {
    return [...this.byTicks.keys()].sort((a, b) => a - b);
  }
}
