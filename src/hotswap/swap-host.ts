/**
 * SwapHost: what a Swap needs from the coordinator (HotSwapper): the layers
 * below, the map of held threads (for the wait-for graph), cycle detection,
 * and a notice when a swap settles (completed or aborted).
 */
import type { EventSink, Kernel } from '../kernel/index.ts';
import type { TranslationTable } from '../translation-table/index.ts';
import type { Interposer } from '../interposition/index.ts';
import type { MarkerMode, QuiescenceDetector } from '../quiescence/index.ts';
import type { SwapEvent } from './swap-events.ts';
import type { SwapBookkeeping } from './swap-bookkeeping.ts';
import type { StrategyName } from './swap-strategy.ts';
import type { Mediation } from './cpu-mediation.ts';
import type { UpdatePointWaiters } from './update-point-waiters.ts';
import type { Transactions } from '../transactions/index.ts';

/**
 * Planted core bugs a swap can carry (docs/CHECKING.md, "Planted core
 * bugs"), set only by plantCoreBug (src/faults/plant-core-bug.ts), never by
 * default: 'block-leak' lets the first call that block would hold through
 * to the old object, untracked; 'transfer-drops-last-write' exports the
 * state when block begins, so a write made while block drains is lost.
 */
export type SwapPlant = 'block-leak' | 'transfer-drops-last-write';

export interface SwapHost {
  readonly kernel: Kernel;
  readonly table: TranslationTable;
  readonly interposer: Interposer;
  readonly quiescence: QuiescenceDetector;
  readonly bus: EventSink<SwapEvent>;
  /** The strategy of a swap that names none (SimulationOptions.swapStrategy). */
  readonly strategy: StrategyName;
  /** How a swap that names none waits for quiescence (SimulationOptions.swapWait). */
  readonly swapWait: MarkerMode;
  /** How a swap that names none mediates (SimulationOptions.swapMediation; cpu-mediation.ts). */
  readonly mediation: Mediation;
  /** Thread id -> the swap holding its call. */
  readonly heldBy: Map<number, SwapBookkeeping>;
  /** A description of the cycle holding `thread` on `swap` would close, or null. */
  findCycle(swap: SwapBookkeeping, thread: number): string | null;
  settled(swap: SwapBookkeeping): void;
  /** The swaps waiting for a safe update point (strategy update-points). */
  readonly updatePoints: UpdatePointWaiters;
  /** The simulation's transactions (strategy rollback), or null when there are none. */
  readonly transactions: Transactions | null;
  enterInside(thread: number, swap: SwapBookkeeping): void;
  /** Planted core bugs (empty or absent: none, the default). */
  readonly planted?: ReadonlySet<SwapPlant>;
  leaveInside(thread: number, swap: SwapBookkeeping): void;
}
