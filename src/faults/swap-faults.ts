/**
 * swapFaults: the fault sites around a running swap, each acting at a tick
 * drawn from its own stream within `windowTicks` of the request, if the swap
 * is still pending then:
 *
 *   swap-cancel          swap.cancel() in a phase drawn from forward, block
 *                        and transfer (polled each tick until the swap gets
 *                        there): in forward or block it rolls back (held
 *                        calls go to the old object); in transfer it is too
 *                        late and the swap goes on
 *   swap-during-swap     the same objects are asked to swap again while the
 *                        swap runs: the request must be refused with a reason
 *                        (one swap per object at a time), never run or queued
 *   destroy-during-swap  one of the swap's objects is destroyed, preferably
 *                        once the swap holds a call (polled each tick, for
 *                        up to 100 ticks), so held calls wait on it: the
 *                        table defers the destroy until the swap ends (K42
 *                        pendingDestroy); the released calls then meet a
 *                        stale ref and fail with StaleRefError, each once
 *
 * Interface: `scheduleSwapFaults(ctx, swap, pairs, options)`; every fault
 * that acts is noted with what it did and what came of it.
 */
import type { Swap, SwapOptions } from '../hotswap/index.ts';
import type { TableEntry } from '../translation-table/index.ts';
import type { Simulation } from '../simulation/index.ts';
import type { FaultSite } from './fault-site.ts';

export type SwapPairs = readonly (readonly [TableEntry, Function])[];
export type StartSwap = (pairs: SwapPairs, options: SwapOptions) => Swap;

export interface SwapFaultContext {
  readonly sim: Simulation;
  readonly start: StartSwap;
  readonly sites: {
    readonly cancel: FaultSite;
    readonly during: FaultSite;
    readonly destroy: FaultSite;
  };
  readonly windowTicks: number;
  note(site: FaultSite, detail: string): void;
}

const DESTROY_WAIT_TICKS = 100;
const CANCEL_PHASES = ['forward', 'block', 'transfer'] as const;

function later(ctx: SwapFaultContext, site: FaultSite, swap: Swap, act: () => void): void {
  const tick = ctx.sim.now + site.random.int(0, ctx.windowTicks);
  ctx.sim.at(
    tick,
    () => {
      if (swap.outcome === 'pending') act();
    },
    `fault ${site.name} (swap ${swap.id})`,
  );
}

/** Cancel once the swap is in (or past) the drawn phase. */
function cancelAt(ctx: SwapFaultContext, swap: Swap, target: number): void {
  if (swap.outcome !== 'pending') return;
  if (CANCEL_PHASES.indexOf(swap.phase as (typeof CANCEL_PHASES)[number]) < target) {
    ctx.sim.at(
      ctx.sim.now + 1,
      () => cancelAt(ctx, swap, target),
      `fault swap-cancel waits for ${CANCEL_PHASES[target]} (swap ${swap.id})`,
    );
    return;
  }
  cancel(ctx, swap);
}

function cancel(ctx: SwapFaultContext, swap: Swap): void {
  const phase = swap.phase;
  const rolledBack = swap.cancel();
  ctx.note(
    ctx.sites.cancel,
    `swap ${swap.id} cancelled in ${phase}: ${rolledBack ? 'rolled back' : 'too late, it goes on'}`,
  );
}

function requestAgain(
  ctx: SwapFaultContext,
  swap: Swap,
  pairs: SwapPairs,
  options: SwapOptions,
): void {
  const second = ctx.start(pairs, options);
  ctx.note(
    ctx.sites.during,
    `second request (swap ${second.id}) during swap ${swap.id} (${swap.phase}): ${second.outcome}${second.reason ? `: ${second.reason}` : ''}`,
  );
}

function destroy(ctx: SwapFaultContext, swap: Swap, retries: number): void {
  if (swap.outcome !== 'pending') return;
  const noneHeld = swap.phase === 'forward' || swap.held === 0;
  if (noneHeld && retries > 0) {
    ctx.sim.at(
      ctx.sim.now + 1,
      () => destroy(ctx, swap, retries - 1),
      `fault destroy-during-swap waits for a held call (swap ${swap.id})`,
    );
    return;
  }
  const m = ctx.sites.destroy.random.pick(swap.members);
  ctx.sim.table.destroy(
    m.entry,
    `destroyed by fault destroy-during-swap while swap ${swap.id} was in ${swap.phase}`,
  );
  ctx.note(
    ctx.sites.destroy,
    `${m.name} destroyed during swap ${swap.id} (${swap.phase}, ${swap.held} call(s) held so far)`,
  );
}

/** Arm the faults that act on a swap that has just started. */
export function scheduleSwapFaults(
  ctx: SwapFaultContext,
  swap: Swap,
  pairs: SwapPairs,
  options: SwapOptions,
): void {
  if (swap.outcome !== 'pending') return;
  const { cancel: c, during, destroy: d } = ctx.sites;
  if (c.fires()) cancelAt(ctx, swap, c.random.int(0, CANCEL_PHASES.length - 1));
  if (during.fires()) later(ctx, during, swap, () => requestAgain(ctx, swap, pairs, options));
  if (d.fires()) later(ctx, d, swap, () => destroy(ctx, swap, DESTROY_WAIT_TICKS));
}
