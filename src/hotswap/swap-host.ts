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
import type { UpdatePointWaiters } from './update-point-waiters.ts';

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
  /** Thread id -> the swap holding its call. */
  readonly heldBy: Map<number, SwapBookkeeping>;
  /** A description of the cycle holding `thread` on `swap` would close, or null. */
  findCycle(swap: SwapBookkeeping, thread: number): string | null;
  settled(swap: SwapBookkeeping): void;
  /** The swaps waiting for a safe update point (strategy update-points). */
  readonly updatePoints: UpdatePointWaiters;
  enterInside(thread: number, swap: SwapBookkeeping): void;
  leaveInside(thread: number, swap: SwapBookkeeping): void;
}
