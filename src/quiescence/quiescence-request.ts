/**
 * QuiescenceRequest: "tell me when every thread alive now on these CPUs has
 * finished". Made by a detector's `request`, reached once, or cancelled.
 *
 * Fields: `cpus` the CPUs it covers; `tickRequested`; `tickReached` (-1
 * while pending); `oracleTick`, the exact tick the last thread alive at the
 * request left (-1 while some still live); `lagTicks` = tickReached -
 * oracleTick, how late the detector noticed. `watermark` is the detector's
 * activation count at the request: threads activated before it are the ones
 * the request waits for; `waitingFor` lists those still alive (the oracle's
 * view, computed when asked).
 */
export type RequestState = 'pending' | 'reached' | 'cancelled';

export class QuiescenceRequest {
  state: RequestState = 'pending';
  tickReached = -1;
  oracleTick = -1;
  /** @internal set by the detector: ids of threads alive at the request and still alive. */
  aliveAtRequest: () => readonly number[] = () => [];
  /** Detector-private marker data (per-CPU genCount, global marker). */
  marker: unknown = undefined;
  /** @internal CPUs on which a thread counted at the request still lives (the oracle's count). */
  oracleWaits = 0;
  /** @internal CPUs (or the global generation) the detector still waits on. */
  detectorWaits = 0;

  constructor(
    readonly id: number,
    readonly cpus: readonly number[],
    readonly tickRequested: number,
    readonly label: string,
    readonly onReached: (request: QuiescenceRequest) => void,
    readonly watermark: number,
  ) {}

  /** Threads alive at the request that are still alive (computed now). */
  get waitingFor(): ReadonlySet<number> {
    return new Set(this.aliveAtRequest());
  }

  get latencyTicks(): number {
    return this.tickReached < 0 ? -1 : this.tickReached - this.tickRequested;
  }

  get lagTicks(): number {
    return this.tickReached < 0 || this.oracleTick < 0 ? -1 : this.tickReached - this.oracleTick;
  }
}
