/** A scenario loader for tests that counts how often it is called. */
import { importScenario } from '../../src/check/index.ts';

export const calls = { n: 0 };

export function countingLoad(file: string): ReturnType<typeof importScenario> {
  calls.n++;
  return importScenario(file);
}
