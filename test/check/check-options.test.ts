import { expect, test } from 'vitest';
import { DEFAULT_SEEDS, resolveSeeds } from '../../src/check/index.ts';

test('seeds: a count, a list, or an inclusive range', () => {
  expect(resolveSeeds({ seeds: 3 })).toEqual([1, 2, 3]);
  expect(resolveSeeds({})).toHaveLength(DEFAULT_SEEDS);
  expect(resolveSeeds({ seeds: [9, 4] })).toEqual([9, 4]);
  expect(resolveSeeds({ seedFrom: 10, seedTo: 12 })).toEqual([10, 11, 12]);
  expect(resolveSeeds({ seedFrom: 5, seedTo: 5 })).toEqual([5]);
});

test('bad seed flags name the flag and what it accepts', () => {
  expect(() => resolveSeeds({ seeds: 0 })).toThrow(
    'seeds (--seeds N) must be an integer >= 1, got 0',
  );
  expect(() => resolveSeeds({ seeds: 3, seedFrom: 1, seedTo: 2 })).toThrow(
    'either seeds (--seeds N) or a range',
  );
  expect(() => resolveSeeds({ seedFrom: 1 })).toThrow('needs both seedFrom and seedTo');
  expect(() => resolveSeeds({ seedFrom: 5, seedTo: 4 })).toThrow(
    'seedTo (4) is below seedFrom (5)',
  );
  expect(() => resolveSeeds({ seedFrom: -1, seedTo: 4 })).toThrow(
    'seedFrom must be an integer from 0',
  );
  expect(() => resolveSeeds({ seeds: [1, 2.5] })).toThrow('each seed must be an integer');
});
