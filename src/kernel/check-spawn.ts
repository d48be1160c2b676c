/**
 * checkSpawn: the input checks of `spawn`, each naming the thread and what
 * is accepted (a CPU that exists, a positive finite weight, a generator
 * function as body).
 */
import type { SpawnOptions, ThreadBody } from './thread.ts';

export function checkSpawn(
  name: string,
  body: ThreadBody,
  options: SpawnOptions,
  cpus: number,
): void {
  if (options.cpu !== undefined && !(options.cpu >= 0 && options.cpu < cpus)) {
    throw new RangeError(
      `spawn '${name}': cpu ${options.cpu} does not exist (cpus 0..${cpus - 1})`,
    );
  }
  if (options.weight !== undefined && !(Number.isFinite(options.weight) && options.weight > 0)) {
    throw new RangeError(
      `spawn '${name}': weight must be a finite number > 0, got ${options.weight}`,
    );
  }
  if (typeof body !== 'function') {
    throw new TypeError(
      `spawn '${name}': the body must be a generator function, got ${typeof body}`,
    );
  }
}
