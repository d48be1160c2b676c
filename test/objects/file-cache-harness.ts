/**
 * file-cache-harness: test helpers for the file caches: a simulation with a
 * BlockDevice bound to BLOCK_DEVICE and a cache over it, and the cache's
 * blocks in eviction order.
 */
import {
  BLOCK_DEVICE,
  BlockDevice,
  createSimulation,
  type BlockCache,
  type BlockDeviceOptions,
  type ObjectRef,
  type Simulation,
  type SimulationOptions,
} from 'kernel-sim';

type CacheClass = new (...args: any[]) => BlockCache;

export interface CacheRig<C extends BlockCache> {
  readonly sim: Simulation;
  readonly dev: ObjectRef<BlockDevice>;
  readonly cache: ObjectRef<C>;
}

export function rig<C extends CacheClass>(
  cls: C,
  capacityBlocks: number,
  options: SimulationOptions = { seed: 1, cpus: 1 },
  device: BlockDeviceOptions = { readTicks: 4, writeTicks: 6 },
): CacheRig<InstanceType<C>> {
  const sim = createSimulation(options);
  const dev = sim.objects.create(BlockDevice, device);
  sim.provide(BLOCK_DEVICE, dev);
  const cache: ObjectRef<InstanceType<C>> = sim.objects.create(cls, { capacityBlocks });
  return { sim, dev, cache };
}

/** The cache's blocks in eviction order, as 'file:block' (a '*' marks dirty). */
export function order(sim: Simulation, cache: ObjectRef<BlockCache>): string[] {
  const s = sim.objects.peek(cache).exportState('blocks');
  return s.blocks.map((b) => `${b.file}:${b.block}${b.dirty ? '*' : ''}`);
}
