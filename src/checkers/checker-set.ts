/**
 * CheckerSet: runs several checkers over one event stream and collects what
 * they find. One subscription for all of them: each event goes into a small
 * ring (the window a violation shows) and to the checkers that read its
 * type, and nothing else, so checking costs a map lookup and a few calls
 * per event.
 *
 * Interface: `observe(event)` feeds one event (from `attach(sim)`'s
 * subscription, or by hand from a recorded or hand-made stream);
 * `attach(sim)` subscribes to sim.events$ (call it before sim.run());
 * `detach()`; `report()` ends the run for every checker (once) and returns
 * a CheckReport: the first violation of each checker, with its window, the
 * calls in flight at the end, and notes. `onViolation` (an option) hears
 * each checker's first violation as it happens, e.g. to `sim.fail` the run.
 * A checker that throws is reported as that checker's violation (rxjs would
 * otherwise rethrow it asynchronously, outside the run).
 */
import type { Subscription } from 'rxjs';
import type { Simulation } from '../simulation/index.ts';
import type { Checker, ReportViolation } from './checker.ts';
import type { CallAccountingChecker, InFlightCall } from './call-accounting-checker.ts';
import type { CheckedEvent, Violation } from './violation.ts';

export interface CheckReport {
  readonly seed: number;
  /** True when no checker found a violation. */
  readonly ok: boolean;
  /** The first violation of each checker that found one, in the order found. */
  readonly violations: readonly Violation[];
  /** Violations found in all, per checker (only the first of each is kept). */
  readonly counts: Readonly<Record<string, number>>;
  readonly inFlight: readonly InFlightCall[];
  /** What the checkers could not check, or found still open at the end. */
  readonly notes: readonly string[];
  readonly checkers: readonly string[];
  readonly events: number;
}

export interface CheckerSetOptions {
  readonly seed?: number;
  /** Events kept before (and including) the offending one. Default 6. */
  readonly windowBefore?: number;
  /** Events kept after it. Default 4. */
  readonly windowAfter?: number;
  /** Told of each checker's first violation as it is found. */
  readonly onViolation?: (v: Violation) => void;
}

export class CheckerSet {
  readonly checkers: readonly Checker[];
  seed: number;
  private readonly byType = new Map<string, Checker[]>();
  /** One report function per checker, made once (not per event). */
  private readonly reporters = new Map<Checker, ReportViolation>();
  private readonly violations: Violation[] = [];
  private readonly counts: Record<string, number> = {};
  private readonly ring: CheckedEvent[];
  private ringNext = 0;
  private readonly after: { window: CheckedEvent[]; left: number }[] = [];
  private readonly windowAfter: number;
  private subscription: Subscription | null = null;
  private current: CheckedEvent | null = null;
  private finished = false;
  private events = 0;

  constructor(
    checkers: readonly Checker[],
    private readonly options: CheckerSetOptions = {},
  ) {
    this.checkers = checkers;
    this.seed = options.seed ?? 0;
    this.ring = new Array<CheckedEvent>(Math.max(1, options.windowBefore ?? 6));
    this.windowAfter = options.windowAfter ?? 4;
    for (const c of checkers) {
      this.reporters.set(c, (message, at) => this.violation(c, message, at));
      for (const t of c.types) {
        let list = this.byType.get(t);
        if (list === undefined) this.byType.set(t, (list = []));
        list.push(c);
      }
    }
  }

  /** Subscribe to the simulation's events (before sim.run()). */
  attach(sim: Simulation): this {
    if (this.subscription !== null)
      throw new Error('CheckerSet.attach: already attached; a set checks one run');
    if (this.options.seed === undefined) this.seed = sim.options.seed;
    this.subscription = sim.events$.subscribe((e) => this.observe(e));
    return this;
  }

  detach(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
  }

  observe(e: CheckedEvent): void {
    this.events++;
    this.ring[this.ringNext] = e;
    this.ringNext = (this.ringNext + 1) % this.ring.length;
    if (this.after.length > 0) this.fillAfter(e);
    const list = this.byType.get(e.type);
    if (list === undefined) return;
    this.current = e;
    for (const c of list) this.observeOne(c, e);
    this.current = null;
  }

  /** A checker that throws (say, a user's mapping) reports that as its violation; the run goes on. */
  private observeOne(c: Checker, e: CheckedEvent): void {
    try {
      c.observe(e, this.reporters.get(c)!);
    } catch (err) {
      this.violation(
        c,
        `the checker threw on this event: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`,
      );
    }
  }

  private fillAfter(e: CheckedEvent): void {
    for (const a of this.after) {
      if (a.left > 0 && a.window[a.window.length - 1] !== e) {
        a.window.push(e);
        a.left--;
      }
    }
    while (this.after.length > 0 && this.after[0].left === 0) this.after.shift();
  }

  private violation(checker: Checker, message: string, at?: CheckedEvent): void {
    const n = (this.counts[checker.name] = (this.counts[checker.name] ?? 0) + 1);
    if (n > 1) return;
    const e = at ?? this.current;
    const window = this.windowBefore();
    if (at !== undefined && !window.includes(at)) window.unshift(at);
    const v: Violation = {
      checker: checker.name,
      seed: this.seed,
      tick: e?.tick ?? -1,
      seq: e?.seq ?? -1,
      message,
      window,
    };
    this.violations.push(v);
    if (this.windowAfter > 0 && this.current !== null)
      this.after.push({ window, left: this.windowAfter });
    this.options.onViolation?.(v);
  }

  private windowBefore(): CheckedEvent[] {
    const n = this.ring.length;
    const out: CheckedEvent[] = [];
    for (let i = 0; i < n; i++) {
      const e = this.ring[(this.ringNext + i) % n];
      if (e !== undefined) out.push(e);
    }
    return out;
  }

  /** End of the run: let every checker report what is still wrong. Idempotent. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    for (const c of this.checkers) c.end(this.reporters.get(c)!);
  }

  report(): CheckReport {
    this.finish();
    const calls = this.checkers.find((c) => c.name === 'calls') as
      CallAccountingChecker | undefined;
    return {
      seed: this.seed,
      ok: this.violations.length === 0,
      violations: [...this.violations],
      counts: { ...this.counts },
      inFlight: calls?.inFlight() ?? [],
      notes: this.checkers.flatMap((c) => c.notes().map((n) => `${c.name}: ${n}`)),
      checkers: this.checkers.map((c) => c.name),
      events: this.events,
    };
  }
}
