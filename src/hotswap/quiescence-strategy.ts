/**
 * quiescenceStrategy: K42's switchCObj (the default). Mediators forward and
 * track new calls (forward); a quiescence generation later no untracked call
 * still runs, so new calls are held and the swap waits only for the tracked
 * calls to drain (block); recursive calls are forwarded, never held.
 * K42 counterpart: CObjRepMediator with the generation count.
 */
import type { SwapStrategy } from './swap-strategy.ts';

export const quiescenceStrategy: SwapStrategy = {
  name: 'quiescence',
  holdsRecursiveCalls: false,
  begin(steps) {
    steps.enterPhase('forward');
    steps.installMediators();
    steps.awaitQuiescence('forward', () => {
      steps.enterPhase('block');
      if (steps.trackedCount === 0) steps.transferNow();
    });
  },
};
