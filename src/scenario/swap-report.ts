/**
 * SwapReport: one swap as the scenario report shows it, read from the
 * HotSwapper's swaps (`sim.swapper.swaps`) when the run has ended.
 *
 *   id, objects, from, to   which objects, old and new class names
 *   outcome, reason         completed | aborted | refused | pending, and why
 *   phase                   where it ended ('done' once settled)
 *   requestedTick           when it was asked for
 *   phases                  each phase entered, in order, with its start tick
 *                           and ticks spent (to the end of the run if it was
 *                           still in that phase)
 *   phaseTicks              the same as a map, as Swap.phaseTicks has it
 *   forwarded, held, maxHoldTicks   calls forwarded and held, longest hold
 */
import { PHASES, type Swap, type SwapOutcome, type SwapPhase } from '../hotswap/index.ts';

export interface SwapPhaseReport {
  readonly phase: SwapPhase;
  readonly startTick: number;
  readonly ticks: number;
}

export interface SwapReport {
  readonly id: number;
  readonly objects: readonly string[];
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly outcome: SwapOutcome;
  readonly reason: string | null;
  readonly phase: SwapPhase;
  readonly requestedTick: number;
  readonly phases: readonly SwapPhaseReport[];
  readonly phaseTicks: Readonly<Partial<Record<SwapPhase, number>>>;
  readonly forwarded: number;
  readonly held: number;
  readonly maxHoldTicks: number;
}

export function reportSwap(swap: Swap, endTick: number): SwapReport {
  const phases: SwapPhaseReport[] = [];
  const phaseTicks: Partial<Record<SwapPhase, number>> = {};
  for (const phase of PHASES) {
    const startTick = swap.phaseStart[phase];
    if (phase === 'done' || startTick === undefined) continue;
    const ticks = swap.phaseTicks[phase] ?? endTick - startTick;
    phases.push({ phase, startTick, ticks });
    phaseTicks[phase] = ticks;
  }
  return {
    id: swap.id,
    objects: swap.members.map((m) => m.name),
    from: swap.members.map((m) => m.oldCls.name),
    to: swap.members.map((m) => m.newCls.name),
    outcome: swap.outcome,
    reason: swap.reason === '' ? null : swap.reason,
    phase: swap.phase,
    requestedTick: swap.phaseStart.negotiate ?? 0,
    phases,
    phaseTicks,
    forwarded: swap.forwarded,
    held: swap.held,
    maxHoldTicks: swap.maxHoldTicks,
  };
}
