import { describe, expect, test } from 'vitest';
import { Deque, Prng } from '../../src/kernel/index.ts';

describe('Deque', () => {
  test('behaves like an array used as a deque, across growth and wrap-around', () => {
    const prng = new Prng(3);
    const d = new Deque<number>(4);
    const model: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const op = prng.int(0, 3);
      if (op <= 1) {
        d.push(i);
        model.push(i);
      } else if (op === 2) expect(d.shift()).toBe(model.shift());
      else expect(d.pop()).toBe(model.pop());
      expect(d.length).toBe(model.length);
      expect(d.peek()).toBe(model[0]);
    }
    expect(d.toArray()).toEqual(model);
    d.clear();
    expect(d.length).toBe(0);
    expect(d.shift()).toBeUndefined();
    expect(d.pop()).toBeUndefined();
  });
});
