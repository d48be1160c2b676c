import { describe, expect, test } from 'vitest';
import {
  defineScenario,
  isScenario,
  Prng,
  resolveScenarioOptions,
  ScenarioInputError,
} from 'kernel-sim';

const setup = () => {};

describe('defineScenario', () => {
  test('returns a frozen, recognisable scenario carrying the spec', () => {
    const s = defineScenario({ name: 'x', description: 'd', options: { cpus: 3 }, setup });
    expect(isScenario(s)).toBe(true);
    expect(Object.isFrozen(s)).toBe(true);
    expect([s.name, s.description, s.options]).toEqual(['x', 'd', { cpus: 3 }]);
    expect(isScenario({ name: 'x', description: 'd', setup })).toBe(false);
    expect(isScenario(null)).toBe(false);
  });

  test.each([
    [{ description: 'd', setup }, /'name' must be a non-empty string/],
    [{ name: ' ', description: 'd', setup }, /'name' must be a non-empty string/],
    [{ name: 'x', setup }, /scenario 'x': 'description' must be a one-line string/],
    [{ name: 'x', description: 'd' }, /scenario 'x': 'setup\(sim\)' must be a function/],
    [
      { name: 'x', description: 'd', setup, expect: 3 },
      /'expect\(result, sim\)' must be a function/,
    ],
    [
      { name: 'x', description: 'd', setup, summary: 'no' },
      /'summary\(result, sim\)' must be a function/,
    ],
    [
      { name: 'x', description: 'd', setup, options: { cpu: 2 } },
      /unknown option 'cpu'; the options are cpus, quantumTicks/,
    ],
    [
      { name: 'x', description: 'd', setup, options: { seed: 2 } },
      /'seed' is not a scenario option/,
    ],
    [{ name: 'x', description: 'd', setup, options: 7 }, /'options' must be an object/],
    [
      { name: 'x', description: 'd', setup, checkers: 'all' },
      /'checkers' must be an object of checker options/,
    ],
  ])('rejects a malformed spec %#', (spec, message) => {
    expect(() => defineScenario(spec as never)).toThrow(ScenarioInputError);
    expect(() => defineScenario(spec as never)).toThrow(message);
  });

  test('options may be a function of a PRNG derived from the seed: one seed drives every option', () => {
    const s = defineScenario({
      name: 'swarm',
      description: 'd',
      options: (random: Prng) => ({ cpus: random.int(1, 8), quantumTicks: random.int(1, 20) }),
      setup,
    });
    const a = resolveScenarioOptions(s, 11);
    expect(resolveScenarioOptions(s, 11)).toEqual(a);
    const seen = new Set(
      Array.from({ length: 20 }, (_, seed) => JSON.stringify(resolveScenarioOptions(s, seed))),
    );
    expect(seen.size).toBeGreaterThan(1);
    expect(resolveScenarioOptions(s, 11, { cpus: 5 }).cpus).toBe(5);
  });

  test('options out of range, or a throwing options function, are input errors naming the scenario', () => {
    const bad = defineScenario({ name: 'bad', description: 'd', options: { cpus: 0 }, setup });
    expect(() => resolveScenarioOptions(bad, 1)).toThrow(
      /scenario 'bad': .*cpus must be an integer from 1 to 64, got 0/,
    );
    const throws = defineScenario({
      name: 'thrower',
      description: 'd',
      options: () => {
        throw new Error('nope');
      },
      setup,
    });
    expect(() => resolveScenarioOptions(throws, 1)).toThrow(
      /scenario 'thrower': options\(random\) threw Error: nope/,
    );
    const unknown = defineScenario({
      name: 'u',
      description: 'd',
      options: () => ({ cpuz: 1 }) as never,
      setup,
    });
    expect(() => resolveScenarioOptions(unknown, 1)).toThrow(/unknown option 'cpuz'/);
  });
});
