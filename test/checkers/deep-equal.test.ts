import { expect, test } from 'vitest';
import { deepEqual } from '../../src/checkers/index.ts';

test('deepEqual compares plain data structurally', () => {
  expect(deepEqual({ a: [1, { b: 'x' }], c: null }, { c: null, a: [1, { b: 'x' }] })).toBe(true);
  expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
  expect(deepEqual([1, 2], [2, 1])).toBe(false);
  expect(deepEqual(NaN, NaN)).toBe(true);
  expect(deepEqual(new Map([[1, 'a']]), new Map([[1, 'a']]))).toBe(true);
  expect(deepEqual(new Set([1]), new Set([2]))).toBe(false);
  expect(deepEqual(new Date(5), new Date(5))).toBe(true);
  expect(deepEqual([1], { 0: 1, length: 1 })).toBe(false);
  const a: Record<string, unknown> = { n: 1 };
  a.self = a;
  const b: Record<string, unknown> = { n: 1 };
  b.self = b;
  expect(deepEqual(a, b)).toBe(true);
});

test('deepEqual compares Map and Set entries in any order, and prototypes', () => {
  expect(
    deepEqual(
      new Map([
        [1, 'a'],
        [2, 'b'],
      ]),
      new Map([
        [2, 'b'],
        [1, 'a'],
      ]),
    ),
  ).toBe(true);
  expect(deepEqual(new Set([1, 2]), new Set([2, 1]))).toBe(true);
  expect(deepEqual(Object.create(null), {})).toBe(false);
  expect(deepEqual(-0, 0)).toBe(false);
});
