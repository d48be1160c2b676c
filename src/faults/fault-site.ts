/**
 * FaultSite: one place a fault can be injected, FoundationDB BUGGIFY style.
 * Once per run the site is activated, or not, with `activateChance`; an
 * active site then fires with `fireChance` each time it is reached. Both
 * draws come from the site's own PRNG stream (derived from the simulation's
 * 'faults' stream by the site's name), so turning one site on or off never
 * shifts the numbers another site sees, and one seed replays every fault.
 *
 * Interface: `active`, `fires()` (draws only when active), `draw()` for the
 * site's other random choices (a delay, a phase), `fired` (how many times).
 */
import type { Prng } from '../kernel/index.ts';

export const FAULT_SITES = [
  'call-throws',
  'thread-never-exits',
  'transfer-throws',
  'import-throws-halfway',
  'mediator-throws',
  'swap-cancel',
  'swap-during-swap',
  'destroy-during-swap',
] as const;

export type FaultSiteName = (typeof FAULT_SITES)[number];

/**
 * The sites whose firing can stop a swap from completing (it rolls back or
 * its object is destroyed): a fault-aware expect() skips "the swap
 * completed" when one of these fired, and keeps the rest.
 */
export const SWAP_STOPPING_FAULTS: readonly FaultSiteName[] = [
  'transfer-throws',
  'import-throws-halfway',
  'swap-cancel',
  'destroy-during-swap',
];

export class FaultSite {
  readonly active: boolean;
  fired = 0;

  constructor(
    readonly name: FaultSiteName,
    private readonly prng: Prng,
    activateChance: number,
    readonly fireChance: number,
  ) {
    this.active = prng.chance(activateChance);
  }

  /** Does the fault fire this time? Always false on an inactive site. */
  fires(): boolean {
    if (!this.active || !this.prng.chance(this.fireChance)) return false;
    this.fired++;
    return true;
  }

  /** The site's stream, for its other choices (ticks, which part). */
  get random(): Prng {
    return this.prng;
  }
}
