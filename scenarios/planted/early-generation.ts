/**
 * planted/early-generation: the planted core bug 'early-generation' (src/faults/plant-core-bug.ts)
 * under the workload of planted-core.ts; docs/CHECKING.md, "Planted core
 * bugs", records what each schedule finds.
 *
 * Run: `kernel-sim check scenarios/planted/early-generation.ts --schedule pct`
 */
import { plantedCoreScenario, type PlantedCoreShape } from './planted-core.ts';

export const SHAPE: PlantedCoreShape = {
  clients: 3,
  rounds: 12,
  workTicks: 2,
  sleepTicks: 3,
  swapEveryTicks: 4,
  options: { cpus: 1, quantumTicks: 10, ticksMax: 20_000 },
};

export default plantedCoreScenario('early-generation', SHAPE);
