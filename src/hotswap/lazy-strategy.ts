/**
 * lazyStrategy: lazy update (Baumann et al.'s lazy state conversion), set
 * against eager transfer. The swap waits exactly as K42's quiescence does
 * (forward and track, a generation, hold new calls, drain the tracked ones),
 * so no call is torn or lost; at the switch it only exports the old state
 * and points the entries at the new implementation, with no transfer pause
 * (held calls are released in the same tick). The import runs on first use
 * (lazy-import.ts): the first call pays the transfer's ticks, and every call
 * until then pays a check. Pause shorter, first call slower.
 */
import type { SwapStrategy } from './swap-strategy.ts';

export const lazyStrategy: SwapStrategy = {
  name: 'lazy',
  holdsRecursiveCalls: false,
  importsLazily: true,
  begin(steps) {
    steps.enterPhase('forward');
    steps.installMediators();
    steps.awaitQuiescence('forward', () => {
      steps.enterPhase('block');
      if (steps.trackedCount === 0) steps.transferNow();
    });
  },
};
