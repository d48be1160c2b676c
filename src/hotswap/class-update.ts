/**
 * ClassUpdate: every live instance of a class swapped to a new class at once
 * (K42 Factory::Update: one switchCObj per instance, overlapping), and the
 * factory swapped with them: from the request on, new creations of the old
 * class get the new one, and the new class's version is the old one's + 1.
 *
 * `outcome`: 'pending' while any swap runs; then 'completed' if all
 * completed, 'aborted' if none did, 'partial' otherwise. `instances` gives
 * each object's outcome and reason. `fromVersion` / `toVersion`: the
 * classes' versions. `factory`: 'swapped' once the update is not aborted
 * ('pending' before), 'rolled back' if every instance swap aborted (the
 * redirect and the version are undone: later creations get the old class
 * again; objects created meanwhile keep the new one).
 */
import type { Swap } from './swap.ts';

export type ClassUpdateOutcome = 'pending' | 'completed' | 'partial' | 'aborted';

export type FactorySwapState = 'pending' | 'swapped' | 'rolled back';

export class ClassUpdate {
  /** Set by the swapper when the update settles. */
  factory: FactorySwapState = 'pending';

  constructor(
    readonly from: string,
    readonly to: string,
    readonly swaps: readonly Swap[],
    readonly fromVersion = 1,
    readonly toVersion = fromVersion + 1,
  ) {}

  get outcome(): ClassUpdateOutcome {
    if (this.swaps.some((s) => s.outcome === 'pending')) return 'pending';
    const done = this.swaps.filter((s) => s.outcome === 'completed').length;
    if (done === this.swaps.length) return 'completed';
    return done === 0 ? 'aborted' : 'partial';
  }

  get instances(): { object: string; outcome: string; reason: string }[] {
    return this.swaps.map((s) => ({
      object: s.members[0].name,
      outcome: s.outcome,
      reason: s.reason,
    }));
  }
}
