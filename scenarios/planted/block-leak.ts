/**
 * planted/block-leak: the planted core bug 'block-leak' (src/faults/plant-core-bug.ts)
 * under the workload of planted-core.ts; docs/CHECKING.md, "Planted core
 * bugs", records what each schedule finds.
 *
 * Run: `kernel-sim check scenarios/planted/block-leak.ts --schedule pct`
 */
import { plantedCoreScenario, type PlantedCoreShape } from './planted-core.ts';

export const SHAPE: PlantedCoreShape = {
  clients: 3,
  rounds: 12,
  workTicks: 2,
  sleepTicks: 7,
  swapEveryTicks: 9,
  options: { cpus: 2, quantumTicks: 10, ticksMax: 20_000 },
};

export default plantedCoreScenario('block-leak', SHAPE);
