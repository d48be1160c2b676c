/**
 * objects/: real kernel objects (policies, file cache, counters) and the
 * injection tokens they are built with.
 */
export { CLOCK, MACHINE, OBJECT_ARGS, BLOCK_DEVICE, type MachineInfo } from './tokens.ts';
export { RoundRobinPolicy } from './round-robin-policy.ts';
export { ADMIT_TICKS } from './admit-ticks.ts';
export type { RunQueueState } from './run-queue-state.ts';
export { StridePolicy, TICKETS_PER_WEIGHT, STRIDE_ONE } from './stride-policy.ts';
export type { StrideState, StrideClientState } from './stride-state.ts';
export type { FileCache } from './file-cache.ts';
export { DEFAULT_CAPACITY_BLOCKS, type FileCacheOptions } from './file-cache-options.ts';
export type { CachedBlocksState, CachedBlockState } from './cached-blocks-state.ts';
export { BlockDevice, type BlockDeviceOptions, type DeviceBlocksState } from './block-device.ts';
export { blockKey } from './block-address.ts';
export { BlockCache } from './block-cache.ts';
export { LruFileCache } from './lru-file-cache.ts';
export { ClockFileCache } from './clock-file-cache.ts';
export { SharedCounter } from './shared-counter.ts';
export { PartitionedCounter } from './partitioned-counter.ts';
export {
  PARTITIONED_VAL,
  PARTITIONED_REF,
  CANONICAL_REF,
  CANONICAL_VAL,
  COUNTER_FORMAT_IDS,
  type CounterCell,
} from './counter-formats.ts';
