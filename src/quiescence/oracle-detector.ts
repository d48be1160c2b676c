/**
 * OracleDetector: knows exactly. A request is reached at the tick the last
 * thread counted at the request exits (or at once if there was none). No
 * real kernel can do this cheaply (it would scan every thread); it is the
 * yardstick the other detectors' lag is measured against. Its work is the
 * base class's oracle index (O(1) amortised per uncount and request CPU).
 */
import type { Thread } from '../kernel/index.ts';
import { QuiescenceDetector } from './quiescence-detector.ts';
import type { QuiescenceRequest } from './quiescence-request.ts';

export class OracleDetector extends QuiescenceDetector {
  readonly name = 'oracle';

  protected counted(): void {}

  protected uncounted(_t: Thread, _cpu: number, oracleMet: readonly QuiescenceRequest[]): void {
    this.reachAll(oracleMet);
  }

  protected opened(r: QuiescenceRequest): void {
    if (r.oracleWaits === 0) this.reach(r);
  }
}
