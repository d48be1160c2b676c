/**
 * ReportBudget: how the HTML report keeps its memory bounded. It is the
 * TimelineRecorder's retention for `--report`: the first `perLaneMax` calls
 * to close on each lane (a thread, or a CPU's kernel context) stay exact,
 * as do the first `perLaneMax` runs on each CPU, while fewer than `totalMax`
 * calls (runs) are kept in all; every later one is folded into its lane's
 * bins and dropped. Bins cover the run from tick 0 in `bins` equal spans of
 * `binTicks`; when a tick falls past the last bin, every lane's bins are
 * merged in pairs and `binTicks` doubles, so memory is lanes x bins however
 * long the run. Generation counter points beyond `generationsMax` are
 * counted and dropped. Held calls and calls a swap may tear are never
 * offered (the recorder keeps them), nor are swaps, quiescence markers or
 * threads: those stay exact.
 *
 * Interface: `new ReportBudget(options?)`, handed to
 * `new TimelineRecorder({ retention })`; the recorder's `model()` then
 * carries `aggregates(endTick)` (timeline-model.ts, TimelineAggregates);
 * `aggregatedText(model)` is the sentence the report prints.
 *
 * Invariants: the choice depends only on the order items close in (the
 * event stream), never on time or memory, so the same seed gives the same
 * report; a bin's `items` count every folded item once (by its start),
 * `busy` adds a folded outermost call's (or run's) ticks to the bins it
 * overlaps, so a lane's busy ticks never exceed the bin's span.
 */
import {
  CALL_ERROR,
  type CallColumns,
  type LaneBins,
  type RunColumns,
  type TimelineAggregates,
  type TimelineModel,
} from './timeline-model.ts';
import type { TimelineRetention } from './timeline-retention.ts';

export interface ReportBudgetOptions {
  /** Exact calls kept per call lane, and runs per CPU (default 2,000). */
  readonly perLaneMax?: number;
  /** Exact calls kept in all, and runs in all (default 100,000). */
  readonly totalMax?: number;
  /** Bins per lane (default 1,000). */
  readonly bins?: number;
  /** Generation counter points kept (default 50,000). */
  readonly generationsMax?: number;
}

interface Bins {
  readonly items: number[];
  readonly busy: number[];
  readonly errors: number[];
}

export class ReportBudget implements TimelineRetention {
  readonly perLaneMax: number;
  readonly totalMax: number;
  readonly bins: number;
  readonly generationsMax: number;
  binTicks = 1;
  callsAggregated = 0;
  runsAggregated = 0;
  generationsDropped = 0;
  private callsKept = 0;
  private runsKept = 0;
  private generationsKept = 0;
  /** Lane -> exact items kept; call lanes are thread ids, or -1 - cpu for a kernel lane. */
  private readonly keptByCallLane = new Map<number, number>();
  private readonly keptByCpu = new Map<number, number>();
  private readonly callBins = new Map<number, Bins>();
  private readonly runBins = new Map<number, Bins>();

  constructor(o: ReportBudgetOptions = {}) {
    this.perLaneMax = positive(o.perLaneMax ?? 2000, 'perLaneMax');
    this.totalMax = positive(o.totalMax ?? 100_000, 'totalMax');
    this.bins = positive(o.bins ?? 1000, 'bins');
    this.generationsMax = positive(o.generationsMax ?? 50_000, 'generationsMax');
  }

  callClosed(c: CallColumns, i: number): boolean {
    const lane = c.thread[i] >= 0 ? c.thread[i] : -1 - c.cpu[i];
    const kept = this.keptByCallLane.get(lane) ?? 0;
    if (kept < this.perLaneMax && this.callsKept < this.totalMax) {
      this.keptByCallLane.set(lane, kept + 1);
      this.callsKept++;
      return false;
    }
    const error = (c.flags[i] & CALL_ERROR) !== 0;
    this.fold(this.callBins, lane, c.start[i], c.end[i], c.depth[i] === 0, error);
    this.callsAggregated++;
    return true;
  }

  runClosed(r: RunColumns, i: number): boolean {
    const cpu = r.cpu[i];
    const kept = this.keptByCpu.get(cpu) ?? 0;
    if (kept < this.perLaneMax && this.runsKept < this.totalMax) {
      this.keptByCpu.set(cpu, kept + 1);
      this.runsKept++;
      return false;
    }
    this.fold(this.runBins, cpu, r.start[i], r.end[i], true, false);
    this.runsAggregated++;
    return true;
  }

  generation(): boolean {
    if (this.generationsKept < this.generationsMax) {
      this.generationsKept++;
      return false;
    }
    this.generationsDropped++;
    return true;
  }

  threadEnded(): boolean {
    return false;
  }

  private fold(
    lanes: Map<number, Bins>,
    lane: number,
    start: number,
    end: number,
    busy: boolean,
    error: boolean,
  ): void {
    while (end >= this.bins * this.binTicks) this.widen();
    let b = lanes.get(lane);
    if (b === undefined) {
      const zeros = (): number[] => new Array<number>(this.bins).fill(0);
      lanes.set(lane, (b = { items: zeros(), busy: zeros(), errors: zeros() }));
    }
    const bt = this.binTicks;
    const first = Math.floor(start / bt);
    b.items[first]++;
    if (error) b.errors[first]++;
    if (!busy) return;
    for (let k = first; k * bt < end; k++)
      b.busy[k] += Math.min(end, (k + 1) * bt) - Math.max(start, k * bt);
  }

  /** Double binTicks: every lane's bins merged in pairs. */
  private widen(): void {
    for (const lanes of [this.callBins, this.runBins])
      for (const b of lanes.values())
        for (const col of [b.items, b.busy, b.errors]) {
          for (let k = 0; k < this.bins; k++)
            col[k] = 2 * k < this.bins ? col[2 * k] + (col[2 * k + 1] ?? 0) : 0;
        }
    this.binTicks *= 2;
  }

  /** What was folded, for the model (undefined when nothing was). */
  aggregates(endTick: number): TimelineAggregates | undefined {
    if (this.callsAggregated + this.runsAggregated + this.generationsDropped === 0)
      return undefined;
    const used = Math.min(this.bins, Math.floor(endTick / this.binTicks) + 1);
    const lane = (key: string, b: Bins): LaneBins => ({
      key,
      items: b.items.slice(0, used),
      busy: b.busy.slice(0, used),
      errors: b.errors.slice(0, used),
    });
    const sorted = <T>(m: Map<number, T>): [number, T][] => [...m].sort((a, b) => a[0] - b[0]);
    const lanes = [
      ...sorted(this.runBins).map(([cpu, b]) => lane(`cpu-${cpu}`, b)),
      ...sorted(this.callBins).map(([id, b]) =>
        lane(id >= 0 ? `thread-${id}` : `kernel-${-1 - id}`, b),
      ),
    ];
    return {
      binTicks: this.binTicks,
      bins: used,
      perLaneMax: this.perLaneMax,
      totalMax: this.totalMax,
      callsAggregated: this.callsAggregated,
      runsAggregated: this.runsAggregated,
      generationsDropped: this.generationsDropped,
      lanes,
    };
  }
}

function positive(n: number, name: string): number {
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`ReportBudget: ${name} must be a positive integer; got ${n}`);
  return n;
}

/**
 * The sentence the report prints when a budget folded calls or runs
 * ("N calls shown exactly, M aggregated into bins of T ticks ..."), or null.
 */
export function aggregatedText(model: TimelineModel): string | null {
  const a = model.aggregates;
  if (a === undefined) return null;
  const n = model.calls.id.length;
  const parts = [
    `${n} calls shown exactly, ${a.callsAggregated} aggregated into bins of ${a.binTicks} ticks`,
    `${model.runs.cpu.length} CPU runs shown exactly, ${a.runsAggregated} aggregated`,
  ];
  if (a.generationsDropped > 0)
    parts.push(`${a.generationsDropped} generation counter points not drawn`);
  return `${parts.join('; ')} (the report keeps the first ${a.perLaneMax} calls of each lane, at most ${a.totalMax} in all; held calls, torn calls and swaps are always exact).`;
}
