/**
 * QuiescenceEvent: generation advances, token moves, requests and their
 * outcome, with the lag behind the oracle measured per request.
 */
export type QuiescenceEvent =
  | {
      readonly type: 'quiescence.requested';
      readonly request: number;
      readonly detector: string;
      readonly cpus: readonly number[];
      readonly label: string;
      /** Threads alive (counted) at the request on those CPUs. */
      readonly alive: number;
    }
  | {
      readonly type: 'generation.advanced';
      readonly cpu: number;
      /** Advances so far on this CPU (K42 genCount). */
      readonly generation: number;
      readonly detector: string;
    }
  | { readonly type: 'generation.advance-failed'; readonly cpu: number; readonly older: number }
  | {
      readonly type: 'quiescence.token-passed';
      readonly from: number;
      readonly to: number;
      readonly global: number;
    }
  | {
      readonly type: 'quiescence.reached';
      readonly request: number;
      readonly detector: string;
      readonly latencyTicks: number;
      readonly oracleTick: number;
      readonly lagTicks: number;
    }
  | { readonly type: 'quiescence.cancelled'; readonly request: number };
