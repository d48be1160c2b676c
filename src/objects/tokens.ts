/**
 * Injection tokens: what the composition root binds and kernel objects ask
 * for with `@inject(TOKEN)` (explicit symbol tokens, so injection works the
 * same under tsc, vitest and jiti; tsx and esbuild emit no decorator metadata).
 *
 *   CLOCK        a read-only view of simulated time: { now }
 *   MACHINE      { cpus, quantumTicks } of the simulated machine
 *   OBJECT_ARGS  the arguments given to objects.create(Class, ...args)
 *   BLOCK_DEVICE the block device a file cache reads through (a ref)
 */
import 'reflect-metadata';

export const CLOCK = Symbol.for('kernel-sim.clock');
export const MACHINE = Symbol.for('kernel-sim.machine');
export const OBJECT_ARGS = Symbol.for('kernel-sim.object-args');
export const BLOCK_DEVICE = Symbol.for('kernel-sim.block-device');

export interface MachineInfo {
  readonly cpus: number;
  readonly quantumTicks: number;
}
