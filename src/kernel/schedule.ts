/**
 * Schedule: how a seed perturbs the dispatcher's choices (docs/CHECKING.md,
 * "Schedules"). Every choice is drawn from one named PRNG stream of the seed
 * ('schedule'), so a run under any schedule replays exactly.
 *
 * Kinds (`parseSchedule('fifo' | 'random' | 'pct' | 'pct:D')`):
 *   fifo     no schedule object at all: the kernel's own order (ready threads
 *            in the policy's order, preemption at quantum ends, same-tick
 *            events in the order they were queued). Zero draws, zero cost.
 *   random   each dispatch may defer the thread the policy picked; each
 *            quantum ends at a random tick inside it; a ready thread may be
 *            hinted to a random CPU; an idle CPU is kicked at random;
 *            same-tick thread events (wake-ups, CPU steps) come out in a
 *            random order.
 *   pct:D    PCT (Burckhardt et al., ASPLOS 2010): every thread gets a random
 *            priority at spawn; the dispatcher defers picked threads until it
 *            holds the highest-priority ready one (at most DEFER_MAX times); D-1 change points, drawn
 *            over the first PCT_STEPS steps, drop the running thread to the
 *            lowest priorities and preempt it. Same-tick order is random.
 *   jitterTicks (`random+jitter=N`, `pct:D+jitter=N`) delays every sleep's
 *            wake-up and every spawned thread's arrival by 0..N ticks.
 *   deviationsMax (`...+deviations=K`) a budget: the first K deviations
 *            from fifo happen as drawn; the next one is refused, and from
 *            then on every choice is fifo's (no deviation, same-tick events
 *            in queue order). The run is the unbounded run's up to its
 *            K+1-th deviation, so with K >= the run's own count it is the
 *            same run; check's shrinking searches the smallest K that still
 *            fails (src/check/shrink-failure.ts). K = 0 is fifo exactly.
 *   drops (`...+drop=3,5-9+deviations=K`) deviations refused one by one:
 *            the n-th choice that would deviate (n counted from 1 in this
 *            run, refused ones included) takes fifo's choice instead when
 *            n is listed, and the run goes on drawing. The budget K counts
 *            such choices (kept or dropped; without drops they are the
 *            deviations), so the run makes at most K - (drops <= K)
 *            deviations. A drop changes the run from that choice on, so the
 *            numbers after it name the new run's choices. Shrinking drops
 *            early deviations with it.
 *
 * How it keeps the scheduling policy's semantics: the ready threads stay in
 * the policy (a kernel object reached through the table, swappable, whose
 * run queue transfers). The schedule never reorders the policy's queues: it
 * only decides when a thread reaches the policy (same-tick order, jitter),
 * which CPU it is hinted to (a hint is only a hint), when the running thread
 * is preempted, and whether a thread the policy picked takes a spurious
 * yield before its first step (handed back with reason 'yielded', exactly
 * what the thread itself may do at any time). So any policy, and any swap
 * or transfer of it, sees only sequences of calls it must already accept.
 *
 * Interface (kernel side, called only when a schedule is set):
 *   tieKey(thread)          same-tick ordering key for a queued thread event
 *   quantum(q)              ticks of the quantum starting now (1..q)
 *   cpuHint(hint, cpus)     the CPU hint handed to the policy
 *   kickCpu(idle)           which idle CPU to wake, of the idle indices
 *   defer(id, readyCount)   whether to hand the just-picked thread back
 *   readied(id) / picked(id) / exited(id)   the ready set (for pct)
 *   stepped(id) -> boolean  a step ran; true: preempt the thread now (pct)
 *   jitter()                extra ticks for a sleep or an arrival
 * `deviations` counts choices that differed from fifo's.
 */
import type { Prng } from './prng.ts';
import { ReadyPriorities } from './ready-priorities.ts';

export type ScheduleKind = 'fifo' | 'random' | 'pct';

export interface ScheduleSpec {
  readonly kind: ScheduleKind;
  /** PCT bug depth d (d-1 priority change points). */
  readonly depth: number;
  /** Bounded delay added to sleeps and arrivals, 0..jitterTicks. */
  readonly jitterTicks: number;
  /** Deviating choices allowed before the schedule turns fifo (Infinity: no budget). */
  readonly deviationsMax: number;
  /** Deviating choices refused one by one, by their order in the run (1-based); empty: none. */
  readonly drops: ReadonlySet<number>;
}

export const SCHEDULE_KINDS: readonly ScheduleKind[] = ['fifo', 'random', 'pct'];
/** Steps over which PCT's change points are drawn. */
export const PCT_STEPS = 2000;
export const PCT_DEPTH_DEFAULT = 3;
/** Spurious yields per dispatch, at most (and never more than the other ready threads). */
export const DEFER_MAX = 16;
const SYNTAX =
  "fifo, random or pct[:depth], optionally followed by '+jitter=N', '+drop=LIST' (e.g. 2,5-9) and '+deviations=K' (e.g. pct:3+jitter=2)";

/** Parse `fifo`, `random`, `pct`, `pct:3`, `random+jitter=2`; errors name the syntax. */
export function parseSchedule(text: string): ScheduleSpec {
  const m =
    /^(fifo|random|pct)(?::(\d+))?(?:\+jitter=(\d+))?(?:\+drop=([^+]*))?(?:\+deviations=(\d+))?$/.exec(
      String(text),
    );
  const bad = (why: string) =>
    new RangeError(`option schedule: ${why}; use ${SYNTAX}, got '${String(text)}'`);
  if (m === null)
    throw bad(
      /\+drop=/.test(String(text))
        ? "'+drop=LIST' goes after '+jitter=N' and before '+deviations=K'"
        : 'unknown schedule',
    );
  const kind = m[1] as ScheduleKind;
  if (m[2] !== undefined && kind !== 'pct') throw bad('only pct takes a depth');
  const depth = m[2] === undefined ? PCT_DEPTH_DEFAULT : Number(m[2]);
  if (depth < 1 || depth > 64) throw bad('pct depth must be from 1 to 64');
  const jitterTicks = m[3] === undefined ? 0 : Number(m[3]);
  if (jitterTicks > 1000) throw bad('jitter must be from 0 to 1000 ticks');
  if (kind === 'fifo' && jitterTicks > 0) throw bad('fifo takes no jitter');
  if (kind === 'fifo' && m[5] !== undefined) throw bad('fifo takes no deviations budget');
  if (kind === 'fifo' && m[4] !== undefined) throw bad('fifo takes no drops');
  const deviationsMax = m[5] === undefined ? Infinity : Number(m[5]);
  if (m[5] !== undefined && deviationsMax > Number.MAX_SAFE_INTEGER)
    throw bad('deviations must be a safe integer');
  const drops = m[4] === undefined ? new Set<number>() : parseDrops(m[4], bad);
  return { kind, depth, jitterTicks, deviationsMax, drops };
}

/** `3,5-9` -> {3, 5, 6, 7, 8, 9}; indices from 1, at most 100000 of them. */
function parseDrops(list: string, bad: (why: string) => RangeError): Set<number> {
  const out = new Set<number>();
  for (const part of list.split(',')) {
    const r = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (r === null) throw bad(`a drop list is indices and ranges like 2,5-9, got '${part}'`);
    const lo = Number(r[1]);
    const hi = r[2] === undefined ? lo : Number(r[2]);
    if (lo < 1 || hi < lo || hi - lo + out.size > 100_000)
      throw bad(`drop range '${part}' must run upwards from 1 (at most 100000 indices)`);
    for (let i = lo; i <= hi; i++) out.add(i);
  }
  return out;
}

/** `schedule` with its drop list set to `drops` (replacing any it had; none: removed). */
export function withDrops(schedule: string, drops: readonly number[]): string {
  const bare = schedule.replace(/\+drop=[^+]*/, '');
  if (drops.length === 0) return bare;
  const at = bare.search(/\+deviations=\d+$/);
  const list = `+drop=${formatDrops(drops)}`;
  return at < 0 ? `${bare}${list}` : `${bare.slice(0, at)}${list}${bare.slice(at)}`;
}

/** [2, 5, 6, 7] -> '2,5-7'. */
export function formatDrops(drops: readonly number[]): string {
  const xs = [...new Set(drops)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < xs.length;) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j] + 1) j++;
    parts.push(j === i ? String(xs[i]) : `${xs[i]}-${xs[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** `schedule` with its deviations budget set to K (replacing any it had). */
export function withDeviationsMax(schedule: string, k: number): string {
  return `${schedule.replace(/\+deviations=\d+$/, '')}+deviations=${k}`;
}

/** Tie keys for same-tick order; kernel actions sit in the middle, in queue order. */
export const TIE_KEY_MAX = 2 ** 20;
export const ACTION_TIE_KEY = 2 ** 19;

export class Schedule {
  deviations = 0;
  /** Choices that would have deviated, dropped ones included: what drops and the budget count. */
  private attempts = 0;
  /**
   * A deviation was refused by the budget: every choice from now on is
   * fifo's. With a budget of 0 it is spent from the start, so same-tick
   * events keep queue order from the first tick: `+deviations=0` is fifo.
   */
  private spent: boolean;
  /** The ready threads and their PCT priorities (the highest in O(1) after lazy pops). */
  private readonly ready: ReadyPriorities;
  private readonly priority = new Map<number, number>();
  private readonly changeAt: number[];
  private steps = 0;
  private top = -1;
  private changes = 0;

  constructor(
    readonly spec: ScheduleSpec,
    private readonly rng: Prng,
  ) {
    this.spent = spec.deviationsMax === 0;
    this.ready = new ReadyPriorities(spec.kind === 'pct');
    this.changeAt =
      spec.kind === 'pct'
        ? Array.from({ length: spec.depth - 1 }, () => rng.int(1, PCT_STEPS)).sort((a, b) => a - b)
        : [];
  }

  /**
   * Take one deviation from the budget; false (and fifo from now on) when it
   * is spent; false (and the run goes on drawing) when this one is dropped.
   */
  private deviate(): boolean {
    if (this.spent || this.attempts >= this.spec.deviationsMax) {
      this.spent = true;
      return false;
    }
    if (this.spec.drops.has(++this.attempts)) return false;
    this.deviations++;
    return true;
  }

  tieKey(): number {
    return this.spent ? ACTION_TIE_KEY : this.rng.int(0, TIE_KEY_MAX - 1);
  }

  quantum(q: number): number {
    if (this.spec.kind !== 'random' || q <= 1 || this.spent) return q;
    const n = this.rng.int(1, q);
    return n !== q && this.deviate() ? n : q;
  }

  cpuHint(hint: number, cpus: number): number {
    if (this.spec.kind !== 'random' || cpus <= 1 || this.spent || !this.rng.chance(0.25))
      return hint;
    const cpu = this.rng.int(0, cpus - 1);
    return cpu !== hint && this.deviate() ? cpu : hint;
  }

  kickCpu(idle: readonly number[]): number {
    if (this.spec.kind !== 'random' || idle.length <= 1 || this.spent) return idle[0];
    const i = this.rng.int(0, idle.length - 1);
    return i !== 0 && this.deviate() ? idle[i] : idle[0];
  }

  defer(id: number, deferred: number): boolean {
    if (this.spent || this.ready.size === 0 || deferred >= Math.min(this.ready.size, DEFER_MAX))
      return false;
    if (this.spec.kind === 'random') {
      if (!this.rng.chance(0.25)) return false;
    } else if (this.spec.kind === 'pct') {
      if (deferred === 0) this.top = this.topReady();
      if ((this.priority.get(id) ?? 0) >= this.top) return false;
    } else return false;
    return this.deviate();
  }

  /** The highest priority among the other ready threads (pct); a heap, not a scan. */
  private topReady(): number {
    return this.ready.top();
  }

  spawned(id: number): void {
    if (this.spec.kind !== 'pct') return;
    const p = this.spec.depth + this.rng.int(0, 2 ** 30);
    this.priority.set(id, p);
    this.ready.update(id, p);
  }

  readied(id: number): void {
    this.ready.add(id, this.priority.get(id) ?? 0);
  }

  picked(id: number): void {
    this.ready.delete(id);
  }

  exited(id: number): void {
    this.ready.delete(id);
    this.priority.delete(id);
  }

  /** A step of `id` ran; true when a PCT change point falls here (preempt it). */
  stepped(id: number): boolean {
    if (this.changes >= this.changeAt.length) return false;
    this.steps++;
    if (this.steps < this.changeAt[this.changes]) return false;
    while (this.changes < this.changeAt.length && this.changeAt[this.changes] <= this.steps)
      this.changes++;
    if (!this.deviate()) return false;
    this.priority.set(id, this.spec.depth - this.changes);
    this.ready.update(id, this.spec.depth - this.changes);
    return true;
  }

  jitter(): number {
    if (this.spec.jitterTicks === 0 || this.spent) return 0;
    const ticks = this.rng.int(0, this.spec.jitterTicks);
    return ticks > 0 && this.deviate() ? ticks : 0;
  }
}
