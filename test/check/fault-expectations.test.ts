/**
 * Faults that keep expectations (docs/CHECKING.md, "Expectations fully
 * checked"): expect() learns which faults fired and which threads they
 * stopped (its 4th argument); a thread an injected fault stopped no longer
 * fails the run under check; a fault-aware scenario's expectation failures
 * count after faults fired, while a plain one's stay the faults' own.
 */
import { describe, expect, test } from 'vitest';
import { checkSeed } from '../../src/check/index.ts';
import { compute, sleep, type Op } from '../../src/kernel/index.ts';
import { defineScenario, type ExpectInfo } from '../../src/scenario/index.ts';

class Cell {
  value = 0;
  *bump(): Op<void> {
    yield* compute(2);
    this.value++;
  }
  read(): number {
    return this.value;
  }
}

/** Two threads bump a cell 5 times each; `onExpect` sees what expect() was told. */
function bumping(
  onExpect: (info: ExpectInfo, bumps: number, value: number) => void,
  extra: { faultAware?: boolean; throwPlain?: boolean } = {},
) {
  return defineScenario({
    name: 'bumping',
    description: 'two threads bump a cell',
    options: { cpus: 1, ticksMax: 10_000 },
    ...(extra.faultAware === undefined ? {} : { faultAware: extra.faultAware }),
    setup(sim) {
      const cell = sim.objects.createNamed('cell', Cell);
      const done = { bumps: 0 };
      for (let t = 0; t < 2; t++)
        sim.spawn(`bumper-${t}`, function* () {
          for (let i = 0; i < 5; i++) {
            yield* cell.bump();
            done.bumps++;
            yield* sleep(1);
          }
        });
      if (extra.throwPlain === true)
        sim.spawn('buggy', function* () {
          yield* sleep(1);
          throw new Error('a bug of the scenario');
        });
      return { cell, done };
    },
    expect(_r, _sim, { cell, done }, info) {
      onExpect(info, done.bumps, cell.read());
    },
  });
}

const mediatorAlways = {
  force: ['mediator-throws'] as const,
  sites: ['mediator-throws'] as const,
  fireChance: { 'mediator-throws': 1 },
};

describe('faults that keep expectations', () => {
  test('expect() is told which faults fired and which threads they stopped; those threads do not fail the run', () => {
    let seen: ExpectInfo | null = null;
    const r = checkSeed(
      bumping((info) => void (seen = info)),
      1,
      { faults: mediatorAlways },
    );
    expect(r.verdict).toBe('passed');
    expect(r.tolerated).toBeNull(); // expect ran and held: checked, not excused
    const info = seen as unknown as ExpectInfo;
    expect(info.faultsFired).toEqual(['mediator-throws']);
    expect(info.faulted).toBe(true);
    expect(info.fired('mediator-throws')).toBe(true);
    expect(info.fired('swap-cancel')).toBe(false);
    expect(info.threadsFaulted.map((f) => f.name).sort()).toEqual(['bumper-0', 'bumper-1']);
  });

  test('without faults expect() is told nothing fired', () => {
    let seen: ExpectInfo | null = null;
    const r = checkSeed(
      bumping((info) => void (seen = info)),
      1,
    );
    expect(r.verdict).toBe('passed');
    expect((seen as unknown as ExpectInfo).faultsFired).toEqual([]);
    expect((seen as unknown as ExpectInfo).threadsFaulted).toEqual([]);
  });

  test('a thread that fails by its own bug still fails the run under faults', () => {
    const r = checkSeed(
      bumping(() => {}, { throwPlain: true, faultAware: true }),
      1,
      { faults: mediatorAlways },
    );
    expect(r.verdict).toBe('expectation');
    expect(r.reason).toMatch(/thread 'buggy'.*a bug of the scenario/);
  });

  // an expectation that fails whenever a fault fired
  const lost = (info: ExpectInfo, bumps: number, value: number) => {
    if (info.faulted && value !== bumps + 1) throw new Error(`cell ${value} after ${bumps} bumps`);
  };

  test("a fault-aware scenario's failed expectation counts after faults fired", () => {
    const r = checkSeed(bumping(lost, { faultAware: true }), 1, { faults: mediatorAlways });
    expect(r.verdict).toBe('expectation');
    expect(r.tolerated).toBeNull();
  });

  test("a plain scenario's failed expectation after faults fired stays the faults' own", () => {
    const r = checkSeed(bumping(lost), 1, { faults: mediatorAlways });
    expect(r.verdict).toBe('passed');
    expect(r.tolerated).toMatch(/expectation not met after faults fired: cell/);
  });
});
