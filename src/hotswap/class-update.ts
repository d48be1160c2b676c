/**
 * ClassUpdate: every live instance of a class swapped to a new class at once
 * (K42 Factory::Update: one switchCObj per instance, overlapping), and new
 * creations of the old class directed to the new one.
 *
 * `outcome`: 'pending' while any swap runs; then 'completed' if all
 * completed, 'aborted' if none did, 'partial' otherwise. `instances` gives
 * each object's outcome and reason.
 */
import type { Swap } from './swap.ts';

export type ClassUpdateOutcome = 'pending' | 'completed' | 'partial' | 'aborted';

export class ClassUpdate {
  constructor(
    readonly from: string,
    readonly to: string,
    readonly swaps: readonly Swap[],
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
