/**
 * hotswap/: the hot-swap protocol (K42 switchCObj and its mediator) with
 * format negotiation, method-type stubs, rollback, class-wide and
 * multi-object swaps.
 */
export { HotSwapper } from './hot-swapper.ts';
export { Swap } from './swap.ts';
export { describeBlockers, threadBlockers } from './swap-blockers.ts';
export { HeldCalls } from './held-calls.ts';
export { stubsAfter } from './stubs-after.ts';
export { ClassUpdate, type ClassUpdateOutcome, type FactorySwapState } from './class-update.ts';
export { SwapMember } from './swap-member.ts';
export { SwapMediator } from './swap-mediator.ts';
export {
  negotiateFormat,
  checkInterface,
  type Negotiated,
  type NegotiationChoice,
} from './negotiate.ts';
export { PHASES, type SwapPhase, type SwapOutcome } from './swap-phase.ts';
export {
  checkSwapOptions,
  checkSwapWait,
  knowSwapOption,
  NEGOTIATION_RULES,
  type NegotiationRule,
  type SwapOptions,
  type ClassUpdateOptions,
  type SwapContext,
  type StubsFor,
} from './swap-options.ts';
export type { SwapEvent, BlockerReport } from './swap-events.ts';
export {
  CpuMediation,
  MEDIATIONS,
  checkMediation,
  repCpus,
  type Mediation,
  type CpuPhase,
} from './cpu-mediation.ts';
export {
  STRATEGY_NAMES,
  HOLDING_STRATEGIES,
  strategyHolds,
  checkStrategyName,
  type StrategyName,
  type SwapStrategy,
  type SwapSteps,
} from './swap-strategy.ts';
export { strategyFor } from './strategy-for.ts';
export {
  usesOf,
  unsafeFrames,
  describeUnsafeFrame,
  type UnsafeFrame,
} from './update-point-safety.ts';
export { UpdatePointWaiters, changedTypes } from './update-point-waiters.ts';

import type { Swap } from './swap.ts';
/** The handle sim.hotswap returns. */
export type SwapHandle<_New = unknown> = Swap;
/** The handle sim.swapTogether returns: one swap over several objects. */
export type SwapGroup = Swap;
