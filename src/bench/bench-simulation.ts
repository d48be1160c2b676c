/**
 * benchSimulation: a simulation as the benchmarks want it: events unobserved
 * (`hashEvents: false`, nothing subscribed, so the call path's fast branch is
 * taken), and a `ticksMax`, `threadsMax` and `objectsMax` large enough never
 * to end a benchmark run early.
 */
import { LIVE_LIMIT_CEILINGS } from '../kernel/index.ts';
import { createSimulation, type Simulation, type SimulationOptions } from '../simulation/index.ts';

export function benchSimulation(options: SimulationOptions = {}): Simulation {
  return createSimulation({
    hashEvents: false,
    ticksMax: Number.MAX_SAFE_INTEGER,
    threadsMax: LIVE_LIMIT_CEILINGS.threadsMax,
    objectsMax: LIVE_LIMIT_CEILINGS.objectsMax,
    ...options,
  });
}

/** Run to the end and insist it passed (a benchmark of a failed run measures nothing). */
export function runToEnd(sim: Simulation): number {
  const r = sim.run();
  if (r.outcome !== 'passed')
    throw new Error(`benchmark run ended '${r.outcome}': ${r.reason ?? ''}`);
  return r.ticks;
}
