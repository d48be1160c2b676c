/**
 * SwapExclusionChecker ('swaps'): one swap per object at a time, a refused
 * swap says why, and every swap follows the phase table.
 *
 * Guarantees checked, from swap.requested, swap.refused, swap.phase-changed,
 * swap.completed and swap.aborted alone:
 *   - an object is under at most one active swap: active from its move to
 *     'forward' until it completes (moves to 'complete') or is aborted; a
 *     request during another swap must be refused, never run or queued;
 *   - swap.refused carries a non-empty reason;
 *   - each swap.phase-changed starts from the phase the swap was last in,
 *     and a swap ends at most once (completed, aborted or refused).
 * A swap requested and still pending at the end is listed by `notes()`.
 */
import type { Checker, EventOf, ReportViolation } from './checker.ts';
import type { CheckedEvent } from './violation.ts';

interface SwapState {
  phase: string;
  readonly objects: readonly number[];
  ended: string | null;
}

export class SwapExclusionChecker implements Checker {
  readonly name = 'swaps';
  readonly types = [
    'swap.requested',
    'swap.refused',
    'swap.phase-changed',
    'swap.completed',
    'swap.aborted',
  ] as const;
  private readonly swaps = new Map<number, SwapState>();
  /** Object id -> the swap active on it. */
  private readonly active = new Map<number, number>();

  observe(e: CheckedEvent, report: ReportViolation): void {
    switch (e.type) {
      case 'swap.requested':
        if (this.swaps.has(e.swap)) report(`swap ${e.swap} requested twice`);
        this.swaps.set(e.swap, { phase: 'negotiate', objects: e.objects, ended: null });
        return;
      case 'swap.refused':
        if (e.reason.trim() === '') report(`swap ${e.swap} refused without a reason`);
        return this.settle(e.swap, `refused at tick ${e.tick}`, report);
      case 'swap.phase-changed':
        return this.phase(e, report);
      case 'swap.completed':
        return this.settle(e.swap, `completed at tick ${e.tick}`, report);
      case 'swap.aborted':
        this.release(e.swap);
        return this.settle(e.swap, `aborted at tick ${e.tick}`, report);
    }
  }

  private phase(e: EventOf<'swap.phase-changed'>, report: ReportViolation): void {
    const s = this.swaps.get(e.swap);
    if (s === undefined) {
      report(`swap ${e.swap} changed phase to ${e.phase} without a request`);
      return;
    }
    if (e.previous !== s.phase)
      report(`swap ${e.swap} moved ${e.previous} -> ${e.phase}, but it was in ${s.phase}`);
    s.phase = e.phase;
    if (e.phase === 'forward') {
      for (const o of e.objects) {
        const other = this.active.get(o);
        if (other !== undefined)
          report(
            `swap ${e.swap} started on object ${o} while swap ${other} is still active on it (phase ${this.swaps.get(other)?.phase}): one swap per object at a time`,
          );
        this.active.set(o, e.swap);
      }
    }
    if (e.phase === 'complete') this.release(e.swap);
  }

  private release(swap: number): void {
    for (const [o, s] of this.active) if (s === swap) this.active.delete(o);
  }

  private settle(swap: number, how: string, report: ReportViolation): void {
    const s = this.swaps.get(swap);
    if (s === undefined) return;
    if (s.ended !== null) report(`swap ${swap} ${how}, but it had already ${s.ended}`);
    s.ended ??= how;
  }

  end(_report: ReportViolation): void {}

  notes(): string[] {
    return [...this.swaps]
      .filter(([, s]) => s.ended === null)
      .map(
        ([id, s]) =>
          `swap ${id} on object(s) ${s.objects.join(', ')} still pending at the end (phase ${s.phase})`,
      );
  }
}
