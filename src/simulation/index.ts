/**
 * simulation/: the composition root and what scenario authors program against.
 */
export { Simulation, createSimulation, type ThreadHandle } from './simulation.ts';
export {
  resolveOptions,
  DEFAULT_OPTIONS,
  type SimulationOptions,
  type ResolvedOptions,
} from './simulation-options.ts';
export type { RunResult, RunOutcome } from './run-result.ts';
export { RunInterrupted, type RunSlicer } from './run-interrupted.ts';
export type { SimulationEvent, SimulationEventType } from './simulation-event.ts';
export { EventsHasher } from './events-hash.ts';
export { stableJson } from './stable-json.ts';
export { EVENT_FIELDS, type FieldKind } from './event-fields.ts';
export { ObjectSpace, type ObjectInfo } from './object-space.ts';
export { Composition, isInjectable } from './composition.ts';
