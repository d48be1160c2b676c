/**
 * OracleDetector: knows exactly. A request is reached at the tick the last
 * thread counted at the request exits (or at once if there was none). No
 * real kernel can do this cheaply (it would scan every thread); it is the
 * yardstick the other detectors' lag is measured against.
 */
import type { Thread } from '../kernel/index.ts';
import { QuiescenceDetector, type CountSlot } from './quiescence-detector.ts';
import type { QuiescenceRequest } from './quiescence-request.ts';

export class OracleDetector extends QuiescenceDetector {
  readonly name = 'oracle';

  protected counted(_thread: Thread, cpu: number): CountSlot {
    return { cpu, generation: 0, tickCounted: this.kernel.now };
  }

  protected uncounted(): void {
    if (this.pending.length > 0) this.reachDone();
  }

  protected opened(): void {
    this.reachDone();
  }

  protected check(r: QuiescenceRequest): boolean {
    return this.oracleSatisfied(r);
  }
}
