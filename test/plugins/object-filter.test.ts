import { describe, expect, test } from 'vitest';
import { MethodFilter, ObjectFilter } from 'kernel-sim';

describe('ObjectFilter', () => {
  test('no spec means every object and every method', () => {
    for (const f of [
      ObjectFilter.parse(undefined),
      ObjectFilter.parse(''),
      ObjectFilter.parse('  '),
    ]) {
      expect(f.all).toBe(true);
      expect(f.matchesObject('anything', 'Any')).toBe(true);
      expect(f.methodsFor('anything', 'Any')).toBeNull();
    }
  });

  test('rules match object names or class names, with * globs, and select methods', () => {
    const f = ObjectFilter.parse('cache,Counter#*.inc,Store.get*');
    expect(f.matchesObject('cache', 'Lru')).toBe(true);
    expect(f.matchesObject('Counter#3', 'Counter')).toBe(true);
    expect(f.matchesObject('s1', 'Store')).toBe(true);
    expect(f.matchesObject('cache2', 'Lru')).toBe(false);
    expect(f.methodsFor('cache', 'Lru')).toBeNull();
    const inc = f.methodsFor('Counter#3', 'Counter')!;
    expect([inc.matches('inc'), inc.matches('incr'), inc.matches('dec')]).toEqual([
      true,
      false,
      false,
    ]);
    const get = f.methodsFor('s1', 'Store')!;
    expect([get.matches('get'), get.matches('getAll'), get.matches('put')]).toEqual([
      true,
      true,
      false,
    ]);
    expect(f.matchesObject('a.b', 'X')).toBe(false);
    expect(ObjectFilter.parse('a+b').matchesObject('a+b', 'X')).toBe(true);
  });

  test('an empty side of a rule is refused with what to write instead', () => {
    expect(() => ObjectFilter.parse('a,.get')).toThrow(
      "object filter 'a,.get': rule '.get' is empty on one side; write OBJECT or OBJECT.METHOD (e.g. 'cache' or 'cache.get', '*' for any)",
    );
    expect(() => ObjectFilter.parse('a,')).toThrow(/rule '' is empty/);
  });

  test('MethodFilter.of takes names and patterns', () => {
    const m = MethodFilter.of(['get', 'put*']);
    expect(['get', 'getX', 'put', 'putMany'].map((x) => m.matches(x))).toEqual([
      true,
      false,
      true,
      true,
    ]);
  });
});
