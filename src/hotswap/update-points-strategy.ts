/**
 * updatePointsStrategy: Ginseng (Neamtiu, Hicks et al., PLDI 2006). The
 * program marks update points (`yield* updatePoint()` at a loop head, and
 * every thread's exit); the swap waits in forward, with no mediator and no
 * held call, until a thread reaches one where the safety check finds no
 * live frame using a changed type concretely (update-point-safety.ts); there
 * it transfers at once, in the same step. An unsafe point is refused and
 * named (event swap.update-point). If no safe point comes, the swap waits:
 * its timeout, if set, rolls it back, and its stall report names the
 * threads whose frames make the points unsafe.
 */
import type { SwapStrategy } from './swap-strategy.ts';

export const updatePointsStrategy: SwapStrategy = {
  name: 'update-points',
  holdsRecursiveCalls: false,
  begin(steps) {
    steps.enterPhase('forward');
    steps.awaitSafeUpdatePoint(() => {
      steps.enterPhase('block');
      steps.transferNow();
    });
  },
};
