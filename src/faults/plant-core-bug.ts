/**
 * plantCoreBug: plant one of three deliberately broken pieces of the core
 * into a simulation, to measure what the schedules and checkers find
 * (docs/CHECKING.md, "Planted core bugs"; scenarios/planted/). Never on by
 * default: only a call of this function (a planted scenario's setup) plants.
 *
 *   plantCoreBug(sim, 'early-generation')   the k42 detector's markers
 *       elapse after one generation advance instead of two, and its own
 *       soundness guard is off (K42Detector.plantEarlyGeneration)
 *   plantCoreBug(sim, 'block-leak')         a swap's block phase lets the
 *       first call it would hold through to the old object, untracked
 *   plantCoreBug(sim, 'transfer-drops-last-write')   a swap exports the old
 *       object's state when block begins, so a write made by a call still
 *       draining in block is not transferred
 *
 * Call it before the scenario creates objects or requests swaps. Errors name
 * the bug and what is wrong (an unknown name; early-generation needs the k42
 * detector).
 */
import { K42Detector } from '../quiescence/index.ts';
import type { Simulation } from '../simulation/index.ts';

export const PLANTED_CORE_BUGS = [
  'early-generation',
  'block-leak',
  'transfer-drops-last-write',
] as const;
export type PlantedCoreBug = (typeof PLANTED_CORE_BUGS)[number];

export function plantCoreBug(sim: Simulation, bug: PlantedCoreBug): void {
  switch (bug) {
    case 'early-generation':
      if (!(sim.quiescence instanceof K42Detector))
        throw new RangeError(
          `plantCoreBug: 'early-generation' plants into the k42 detector; this simulation runs '${sim.quiescence.name}' (use detector: 'k42')`,
        );
      sim.quiescence.plantEarlyGeneration();
      return;
    case 'block-leak':
    case 'transfer-drops-last-write':
      sim.swapper.planted.add(bug);
      return;
    default:
      throw new RangeError(
        `plantCoreBug: unknown bug '${String(bug)}'; known: ${PLANTED_CORE_BUGS.join(', ')}`,
      );
  }
}
