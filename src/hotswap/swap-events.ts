/**
 * SwapEvent: a swap's life, from request to done. `swap` is the swap id;
 * `objects` the object ids it covers (one, or several for a unit).
 */
import type { SwapPhase } from './swap-phase.ts';

export interface BlockerReport {
  readonly thread: number;
  readonly name: string;
  readonly cpu: number;
  readonly ageTicks: number;
  readonly calls: readonly {
    readonly call: number;
    readonly object: string;
    readonly method: string;
    readonly sinceTick: number;
  }[];
}

export type SwapEvent =
  | {
      readonly type: 'swap.requested';
      readonly swap: number;
      readonly objects: readonly number[];
      readonly from: readonly string[];
      readonly to: readonly string[];
    }
  | {
      readonly type: 'swap.refused';
      readonly swap: number;
      readonly objects: readonly number[];
      readonly reason: string;
      /** Set when the swap was negotiable but a request-time callback vetoed it. */
      readonly vetoedBy?: 'prepare';
    }
  | {
      readonly type: 'swap.phase-changed';
      readonly swap: number;
      readonly objects: readonly number[];
      readonly phase: SwapPhase;
      readonly previous: SwapPhase;
    }
  | {
      /**
       * Per-CPU mediation (cpu-mediation.ts): CPU `cpu`'s mediator entered
       * `phase`. At the start of forward one per CPU, in CPU order (`noRep`:
       * the objects had no rep there, so it starts in block); then one each
       * time a CPU's own marker elapses and it moves forward -> block.
       */
      readonly type: 'swap.cpu-phase';
      readonly swap: number;
      readonly cpu: number;
      readonly phase: 'forward' | 'block';
      readonly noRep?: true;
    }
  | {
      readonly type: 'swap.call-held';
      readonly swap: number;
      readonly call: number;
      readonly thread: number;
      readonly object: number;
    }
  | {
      readonly type: 'swap.call-released';
      readonly swap: number;
      readonly call: number;
      readonly thread: number;
      readonly object: number;
      readonly heldTicks: number;
    }
  | {
      readonly type: 'swap.transferred';
      readonly swap: number;
      readonly object: number;
      readonly format: string | null;
      readonly exported: readonly unknown[];
      /** The new object's state exported again in the same format after import, if it can. */
      readonly imported: readonly unknown[] | null;
      /** Lazy strategy: exported and switched only; swap.converted reports the import. */
      readonly lazy?: true;
    }
  | {
      /**
       * Lazy strategy: the first call after the switch imported the state
       * exported at the switch (`exported`, same as that swap.transferred's);
       * `imported` as in swap.transferred. `thread` paid `ticks` for it.
       */
      readonly type: 'swap.converted';
      readonly swap: number;
      readonly object: number;
      readonly format: string | null;
      readonly exported: readonly unknown[];
      readonly imported: readonly unknown[] | null;
      readonly thread: number;
      readonly ticks: number;
    }
  | {
      /**
       * Lazy strategy: the import on first use threw; the entry points at the
       * old implementation again (a new version) and serves on from it.
       */
      readonly type: 'swap.conversion-failed';
      readonly swap: number;
      readonly object: number;
      readonly thread: number;
      readonly reason: string;
    }
  | {
      readonly type: 'swap.completed';
      readonly swap: number;
      readonly objects: readonly number[];
      readonly versions: readonly number[];
      readonly phaseTicks: Readonly<Partial<Record<SwapPhase, number>>>;
      readonly forwarded: number;
      readonly held: number;
      readonly maxHoldTicks: number;
    }
  | {
      readonly type: 'swap.aborted';
      readonly swap: number;
      readonly objects: readonly number[];
      readonly phase: SwapPhase;
      readonly reason: string;
      readonly blockers: readonly BlockerReport[];
    }
  | {
      readonly type: 'swap.stalled';
      readonly swap: number;
      readonly phase: SwapPhase;
      readonly blockers: readonly BlockerReport[];
    }
  | {
      /**
       * A thread reached an update point while the swap (update-points)
       * waited for one: `safe` false names the frames that use a changed
       * type concretely (the update is refused there), true means the
       * update applies at this point.
       */
      readonly type: 'swap.update-point';
      readonly swap: number;
      readonly thread: number;
      readonly point: 'point' | 'exit';
      readonly safe: boolean;
      readonly unsafe: readonly {
        readonly thread: number;
        readonly call: number;
        readonly object: string;
        readonly method: string;
        readonly type: string;
      }[];
      readonly reason: string | null;
    }
  | {
      readonly type: 'swap.old-destroyed';
      readonly swap: number;
      readonly object: number;
      readonly version: number;
    }
  | {
      readonly type: 'swap.callback-failed';
      readonly swap: number;
      readonly callback: 'after';
      readonly error: string;
    };
