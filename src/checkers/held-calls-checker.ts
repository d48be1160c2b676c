/**
 * HeldCallsChecker ('held-calls'): calls a swap holds are released in the
 * order they arrived, none is left held when the swap ends, none reaches an
 * implementation while held, and after a completed swap a released call
 * reaches the new implementation.
 *
 * Guarantees checked, from swap.call-held, swap.call-released, call.reached,
 * swap.completed and swap.aborted alone:
 *   - per swap, the sequence of released calls equals the sequence of held
 *     calls (arrival order); a call released that was not held is reported;
 *   - at swap.completed / swap.aborted every call the swap held has been
 *     released (a held call never released is lost: its thread sleeps on);
 *   - a held call does not reach an implementation before its release;
 *   - a call released by a completed swap reaches (if it reaches at all)
 *     a version at least the one the swap installed.
 * A swap still holding calls when the run ends is listed by `notes()`.
 */
import type { Checker, EventOf, ReportViolation } from './checker.ts';
import type { CheckedEvent } from './violation.ts';

interface SwapHolds {
  /** Calls held, in arrival order. */
  readonly held: number[];
  /** How many of `held` have been released, in order. */
  released: number;
  readonly objectOf: Map<number, number>;
}

export class HeldCallsChecker implements Checker {
  readonly name = 'held-calls';
  readonly types = [
    'swap.call-held',
    'swap.call-released',
    'call.reached',
    'swap.completed',
    'swap.aborted',
  ] as const;
  private readonly swaps = new Map<number, SwapHolds>();
  /** Call id -> swap holding it now. */
  private readonly heldNow = new Map<number, number>();
  /** Call id -> {object, version} it must reach at least, once released by a completed swap. */
  private readonly mustReach = new Map<number, { swap: number; object: number; version: number }>();
  /** Calls released by a swap that has not ended yet: call -> swap. */
  private readonly releasedPending = new Map<number, number>();

  private of(swap: number): SwapHolds {
    let s = this.swaps.get(swap);
    if (s === undefined) this.swaps.set(swap, (s = { held: [], released: 0, objectOf: new Map() }));
    return s;
  }

  observe(e: CheckedEvent, report: ReportViolation): void {
    switch (e.type) {
      case 'swap.call-held':
        return this.held(e, report);
      case 'swap.call-released':
        return this.released(e, report);
      case 'call.reached':
        return this.reached(e, report);
      case 'swap.completed':
        return this.ended(
          e.swap,
          `completed at tick ${e.tick}`,
          report,
          new Map(e.objects.map((o, i) => [o, e.versions[i]])),
        );
      case 'swap.aborted':
        return this.ended(e.swap, `aborted at tick ${e.tick} (${e.reason})`, report, null);
    }
  }

  private held(e: EventOf<'swap.call-held'>, report: ReportViolation): void {
    const other = this.heldNow.get(e.call);
    if (other !== undefined)
      report(`call ${e.call} held by swap ${e.swap} while still held by swap ${other}`);
    const s = this.of(e.swap);
    s.held.push(e.call);
    s.objectOf.set(e.call, e.object);
    this.heldNow.set(e.call, e.swap);
  }

  private released(e: EventOf<'swap.call-released'>, report: ReportViolation): void {
    const s = this.of(e.swap);
    const expected = s.held[s.released];
    if (this.heldNow.get(e.call) !== e.swap) {
      report(`swap ${e.swap} released call ${e.call}, which it does not hold`);
      return;
    }
    if (expected !== e.call) {
      report(
        `swap ${e.swap} released call ${e.call} before call ${expected}, which was held earlier: not arrival order (held order ${s.held.join(',')})`,
      );
      s.held.splice(s.held.indexOf(e.call), 1);
      s.held.splice(s.released, 0, e.call);
    }
    s.released++;
    this.heldNow.delete(e.call);
    this.releasedPending.set(e.call, e.swap);
  }

  private reached(e: EventOf<'call.reached'>, report: ReportViolation): void {
    const holder = this.heldNow.get(e.call);
    if (holder !== undefined)
      report(`call ${e.call} reached ${e.impl} v${e.version} while held by swap ${holder}`);
    const must = this.mustReach.get(e.call);
    if (must === undefined) return;
    this.mustReach.delete(e.call);
    if (must.object === e.object && e.version < must.version) {
      report(
        `call ${e.call}, held and released by swap ${must.swap} which completed with v${must.version}, reached the old ${e.impl} v${e.version}`,
      );
    }
  }

  private ended(
    swap: number,
    how: string,
    report: ReportViolation,
    versions: Map<number, number> | null,
  ): void {
    const s = this.swaps.get(swap);
    for (const [call, by] of this.releasedPending) {
      if (by !== swap) continue;
      this.releasedPending.delete(call);
      const object = s?.objectOf.get(call);
      const version = object === undefined ? undefined : versions?.get(object);
      if (object !== undefined && version !== undefined)
        this.mustReach.set(call, { swap, object, version });
    }
    if (s === undefined || s.released === s.held.length) return;
    const left = s.held.slice(s.released);
    for (const c of left) this.heldNow.delete(c);
    report(
      `swap ${swap} ${how} with ${left.length} held call(s) never released: lost (calls ${left.join(', ')})`,
    );
    s.released = s.held.length;
  }

  end(_report: ReportViolation): void {}

  notes(): string[] {
    const out: string[] = [];
    for (const [id, s] of this.swaps) {
      if (s.released < s.held.length)
        out.push(
          `swap ${id} still holds ${s.held.length - s.released} call(s) at the end (calls ${s.held.slice(s.released).join(', ')})`,
        );
    }
    return out;
  }
}
