/**
 * objects/: real kernel objects (policies, file cache, counters) and the
 * injection tokens they are built with.
 */
export { CLOCK, MACHINE, OBJECT_ARGS, BLOCK_DEVICE, type MachineInfo } from './tokens.ts';
export { RoundRobinPolicy } from './round-robin-policy.ts';
export type { RunQueueState } from './run-queue-state.ts';
