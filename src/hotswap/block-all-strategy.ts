/**
 * blockAllStrategy: hold every call at once, with no forward phase, and wait
 * until no call is in flight inside the old object (the calls that entered
 * before the mediator); then transfer. Recursive calls are held too, so a thread inside
 * the object that calls it again waits for a swap that waits for it: the
 * swap detects that deadlock when it holds the call and rolls back, naming
 * the thread and the call it is inside. Calls that wait for each other (one
 * inside waits for a held one) stall the swap instead; the stall and
 * timeout reports name the thread inside. It pauses every caller for the
 * whole drain, where quiescence only pauses for the tracked calls.
 */
import type { SwapStrategy } from './swap-strategy.ts';

export const blockAllStrategy: SwapStrategy = {
  name: 'block-all',
  holdsRecursiveCalls: true,
  begin(steps) {
    steps.enterPhase('forward');
    steps.installMediators();
    steps.enterPhase('block');
    steps.awaitOldCallsDrained('block-all drain', () => steps.transferNow());
  },
};
