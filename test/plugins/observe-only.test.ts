/**
 * Observing a run leaves its event hash as it was: the counter, latency and
 * logger mediators are observe-only (Mediator.observeOnly), so installing and
 * removing them is not hashed. A mediator that may change calls (the argument
 * checker) is hashed like any other change to the run.
 */
import { describe, expect, test } from 'vitest';
import { createPlugin, runScenario, type ScenarioPlugin } from 'kernel-sim';
import swapFileCache from '../../scenarios/swap-file-cache.ts';

function hashWith(specs: string[], seed: number): { hash: string; events: number } {
  const plugins = specs.map((s) => createPlugin(s) as ScenarioPlugin);
  const r = runScenario(swapFileCache, { seed, plugins });
  expect(r.outcome).toBe('passed');
  return { hash: r.eventsHash, events: r.events };
}

describe('observe-only plugins', () => {
  test.each([1, 2, 3])('counter, latency and logger leave the hash as it was (seed %i)', (seed) => {
    const bare = hashWith([], seed);
    expect(hashWith(['counter'], seed)).toEqual(bare);
    expect(hashWith(['latency=file-cache', 'logger=disk.read'], seed)).toEqual(bare);
  });

  test('a mediator that may change calls (checker) is part of the hash', () => {
    expect(hashWith(['checker'], 1).hash).not.toBe(hashWith([], 1).hash);
  });
});
