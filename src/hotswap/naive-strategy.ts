/**
 * naiveStrategy: switch the table entry at once. No mediator, no wait: the
 * swap passes forward and block in the same tick and transfers. A call
 * already inside the old object keeps running there on state that has just
 * been exported, so its effects are lost (the transfer checker names it).
 * Unsafe by design; it shows why K42 waits for quiescence.
 */
import type { SwapStrategy } from './swap-strategy.ts';

export const naiveStrategy: SwapStrategy = {
  name: 'naive',
  holdsRecursiveCalls: false,
  begin(steps) {
    steps.enterPhase('forward');
    steps.enterPhase('block');
    steps.transferNow();
  },
};
