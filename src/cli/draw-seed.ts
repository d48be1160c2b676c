/**
 * drawSeed: a fresh seed for a run given no --seed, drawn once from the
 * operating system's randomness (the CLI is outside the simulation core, so
 * this is allowed here) and printed first, so the run can be replayed.
 */
import { randomInt } from 'node:crypto';

export function drawSeed(): number {
  return randomInt(0, 2 ** 32);
}
