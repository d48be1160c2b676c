import { expect, test } from 'vitest';
import { resolve } from 'node:path';
import { checkSeedTask } from '../../src/check/check-seed-task.ts';
import { calls } from './counting-loader.ts';

test('tasks a worker holds at once share one load of the scenario', async () => {
  const load = {
    url: new URL('./counting-loader.ts', import.meta.url).href,
    exportName: 'countingLoad',
  };
  const file = resolve('scenarios/hello.ts');
  const results = await Promise.all(
    [1, 2, 3].map((seed) => checkSeedTask({ file, load, seed, options: {} })),
  );
  expect(results.map((r) => [r.seed, r.verdict])).toEqual([
    [1, 'passed'],
    [2, 'passed'],
    [3, 'passed'],
  ]);
  expect(calls.n).toBe(1);
});
