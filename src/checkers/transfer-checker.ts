/**
 * TransferChecker ('transfer'): state preservation across a swap.
 *
 * Guarantees checked, from swap.transferred (and, for the lazy strategy,
 * swap.converted: the import on first use), call.entered, call.reached,
 * swap.completed / swap.aborted and object.retargeted alone:
 *   - the state imported equals the mapping of the state exported. Each
 *     swap.transferred carries `exported` (one part per old rep) and
 *     `imported` (the new object's state exported again in the same format
 *     after the import; null if it cannot export it, then unchecked). The
 *     comparison per format is, in order: a supplied `map(exported)` that
 *     must deep-equal `imported`; a supplied `combine(parts)` (for formats
 *     whose parts add up) applied to both sides; else part by part deep
 *     equality when the counts match; else the transfer is unchecked and
 *     `notes()` says which format needs a combine.
 *   - the transfer covers every rep: the old implementation exports one part
 *     per rep it has at the transfer (reps counted from object.created,
 *     object.rep-created and, after a swap, the parts the new object
 *     re-exported); a rep made after the swap began must not be left out;
 *   - once an object has exported its state, no call reaches the old
 *     implementation until the swap ends, if the swap completes: such a
 *     call's effect on the old state would be lost (a rolled-back swap keeps
 *     the old object, so there it is fine). `readOnlyMethods` lists methods
 *     that cannot change state and are exempt;
 *   - no call is in flight in the old implementation when its state is
 *     exported, if the swap completes: the rest of that call runs on state
 *     already copied, so its effect is lost (a torn call; the naive
 *     strategy's failure). Read-only methods are exempt here too.
 */
import type { Checker, EventOf, ReportViolation } from './checker.ts';
import { deepEqual } from './deep-equal.ts';
import type { CheckedEvent } from './violation.ts';

export interface FormatMapping {
  /** The state the new object should re-export, from what the old one exported. */
  readonly map?: (exported: readonly unknown[]) => readonly unknown[];
  /** For formats whose parts add up: fold parts into one comparable value. */
  readonly combine?: (parts: readonly unknown[]) => unknown;
  /**
   * Equality of the compared values (default deepEqual): of the mapped
   * arrays with `map`, of the combined values with `combine`, else of each
   * exported part and the re-exported part at the same position.
   */
  readonly equal?: (expected: unknown, actual: unknown) => boolean;
}

export interface TransferCheckerOptions {
  /** Mapping per transfer format name. */
  readonly formats?: Readonly<Record<string, FormatMapping>>;
  /** Method names that do not change state: exempt from the after-export rule. */
  readonly readOnlyMethods?: readonly string[];
}

interface Exported {
  readonly swap: number;
  readonly object: number;
  readonly oldVersion: number;
  readonly tick: number;
  /** The first call that reached the old version after the export, if any. */
  late: string | null;
  /** The first call in flight in the old version at the export, if any. */
  torn: string | null;
}

interface InFlight {
  readonly object: number;
  readonly version: number;
  readonly method: string;
  readonly tick: number;
}

export class TransferChecker implements Checker {
  readonly name = 'transfer';
  readonly types = [
    'swap.transferred',
    'swap.converted',
    'call.entered',
    'call.exited',
    'call.reached',
    'object.created',
    'object.rep-created',
    'object.retargeted',
    'swap.completed',
    'swap.aborted',
  ] as const;
  private readonly formats: Readonly<Record<string, FormatMapping>>;
  private readonly readOnly: ReadonlySet<string>;
  private readonly versions = new Map<number, number>();
  private readonly methods = new Map<number, string>();
  /** Call id -> where it is in flight (from call.reached to call.exited). */
  private readonly inFlight = new Map<number, InFlight>();
  /** Call id -> method, for calls entered and not yet reached. */
  private readonly entered = new Map<number, string>();
  /** Object id -> its export awaiting the swap's end. */
  private readonly exported = new Map<number, Exported>();
  private readonly unchecked: string[] = [];
  /** Object id -> reps its current implementation has (null: unknown). */
  private readonly reps = new Map<number, number | null>();
  /** Object id -> reps the new implementation has, between transfer and retarget. */
  private readonly nextReps = new Map<number, number | null>();
  checkedCount = 0;

  constructor(options: TransferCheckerOptions = {}) {
    this.formats = options.formats ?? {};
    this.readOnly = new Set(options.readOnlyMethods ?? []);
  }

  observe(e: CheckedEvent, report: ReportViolation): void {
    switch (e.type) {
      case 'swap.transferred':
        return this.transferred(e, report);
      case 'swap.converted':
        return this.converted(e, report);
      case 'call.entered':
        this.entered.set(e.call, e.method);
        if (this.exported.size > 0) this.methods.set(e.call, e.method);
        return;
      case 'call.exited':
        this.methods.delete(e.call);
        this.entered.delete(e.call);
        this.inFlight.delete(e.call);
        return;
      case 'call.reached':
        return this.reached(e);
      case 'object.created':
        this.reps.set(e.object, e.clustered ? 0 : 1);
        return;
      case 'object.rep-created': {
        const n = this.reps.get(e.object);
        if (n !== undefined && n !== null) this.reps.set(e.object, n + 1);
        return;
      }
      case 'object.retargeted':
        this.versions.set(e.object, e.version);
        this.reps.set(e.object, this.nextReps.get(e.object) ?? null);
        this.nextReps.delete(e.object);
        return;
      case 'swap.completed':
        return this.ended(e.swap, true, report);
      case 'swap.aborted':
        return this.ended(e.swap, false, report);
    }
  }

  private transferred(e: EventOf<'swap.transferred'>, report: ReportViolation): void {
    this.exported.set(e.object, {
      swap: e.swap,
      object: e.object,
      oldVersion: this.versions.get(e.object) ?? 1,
      tick: e.tick,
      late: null,
      torn: this.tornAt(e.object, this.versions.get(e.object) ?? 1, e.tick),
    });
    this.nextReps.set(e.object, e.imported === null ? null : e.imported.length);
    if (e.format === null) return;
    const reps = this.reps.get(e.object);
    if (reps !== undefined && reps !== null && reps !== e.exported.length) {
      report(
        `swap ${e.swap} object ${e.object}: the old implementation has ${reps} rep(s) but ${e.exported.length} exported state in format '${e.format}': the state of the others is lost`,
      );
    }
    if (e.lazy === true) return; // compared at swap.converted
    this.compareTransfer(e, report);
  }

  /** Lazy strategy: the import on first use, compared like an eager one. */
  private converted(e: EventOf<'swap.converted'>, report: ReportViolation): void {
    if (e.imported !== null) this.reps.set(e.object, e.imported.length);
    this.compareTransfer(e, report);
  }

  private compareTransfer(
    e: EventOf<'swap.transferred'> | EventOf<'swap.converted'>,
    report: ReportViolation,
  ): void {
    if (e.format === null) return;
    if (e.imported === null) {
      this.unchecked.push(
        `swap ${e.swap} object ${e.object}: the new object cannot re-export format '${e.format}', so the import was not compared`,
      );
      return;
    }
    const verdict = this.compare(e.format, e.exported, e.imported);
    if (verdict === null) {
      this.checkedCount++;
      return;
    }
    if (verdict.startsWith('unchecked:'))
      this.unchecked.push(`swap ${e.swap} object ${e.object}: ${verdict.slice(10)}`);
    else report(`swap ${e.swap} object ${e.object}, format '${e.format}': ${verdict}`);
  }

  /** null if preserved; a reason if not; 'unchecked: why' if it cannot tell. */
  private compare(
    format: string,
    exported: readonly unknown[],
    imported: readonly unknown[],
  ): string | null {
    const m = this.formats[format] ?? {};
    const equal = m.equal ?? deepEqual;
    const show = (x: unknown): string => short(x);
    if (m.map !== undefined) {
      const expected = m.map(exported);
      return equal(expected, imported)
        ? null
        : `state not preserved: expected ${show(expected)} after import, the new object holds ${show(imported)} (exported ${show(exported)})`;
    }
    if (m.combine !== undefined) {
      const [a, b] = [m.combine(exported), m.combine(imported)];
      return equal(a, b)
        ? null
        : `state not preserved: exported parts combine to ${show(a)}, imported parts to ${show(b)}`;
    }
    if (exported.length !== imported.length) {
      return `unchecked: ${exported.length} part(s) exported, ${imported.length} re-exported in format '${format}'; give the checker a combine (or map) for it`;
    }
    const i = exported.findIndex((x, k) => !equal(x, imported[k]));
    return i < 0
      ? null
      : `state not preserved: part ${i} exported ${show(exported[i])}, the new object holds ${show(imported[i])}`;
  }

  /** The first call in flight in `object` at `version`, described; or null. */
  private tornAt(object: number, version: number, tick: number): string | null {
    for (const [call, f] of this.inFlight) {
      if (f.object !== object || f.version !== version || this.readOnly.has(f.method)) continue;
      return `call ${call} (${f.method}) was in flight in the old v${version} of object ${object} (since tick ${f.tick}) when its state was exported at tick ${tick}`;
    }
    return null;
  }

  private reached(e: EventOf<'call.reached'>): void {
    this.inFlight.set(e.call, {
      object: e.object,
      version: e.version,
      method: this.entered.get(e.call) ?? '?',
      tick: e.tick,
    });
    const x = this.exported.get(e.object);
    if (x === undefined || x.late !== null || e.version !== x.oldVersion) return;
    const method = this.methods.get(e.call);
    if (method !== undefined && this.readOnly.has(method)) return;
    x.late = `call ${e.call}${method ? ` (${method})` : ''} reached the old ${e.impl} v${e.version} of object ${e.object} at tick ${e.tick}, after its state was exported at tick ${x.tick} (swap ${x.swap})`;
  }

  private ended(swap: number, completed: boolean, report: ReportViolation): void {
    for (const [object, x] of this.exported) {
      if (x.swap !== swap) continue;
      this.exported.delete(object);
      if (!completed) this.nextReps.delete(object);
      if (completed && x.torn !== null)
        report(
          `${x.torn}; the swap then completed, so the rest of that call ran on state already copied and its effect is lost (a torn call)`,
        );
      if (completed && x.late !== null)
        report(
          `${x.late}; the swap then completed, so that call's effect on the old state is lost`,
        );
    }
    if (this.exported.size === 0) this.methods.clear();
  }

  end(_report: ReportViolation): void {}

  notes(): string[] {
    return [...this.unchecked];
  }
}

function short(x: unknown): string {
  const s = JSON.stringify(x) ?? String(x);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}
