/**
 * Plain calls without an argument array (src/translation-table/call-entered-args.ts,
 * CallPaths.callFastHashed): while only the event hash listens, a generated
 * ref's plain call with at most 4 arguments hashes them one by one as the
 * array they would make. The encoder gives the bytes of call.entered with
 * the array; whole runs hash the same unobserved (this path) and observed
 * (built events, callPlain), with throws, nesting, a method the target lost
 * in a swap, more than 4 arguments and the depth limit; and the path is
 * taken (callPlain is not called) when it applies.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { type DirectEvents } from '../../src/kernel/index.ts';
import { directEntered } from '../../src/translation-table/call-events-direct.ts';
import { directEnteredArgs } from '../../src/translation-table/call-entered-args.ts';
import { EventsHasher } from '../../src/simulation/index.ts';
import { TranslationTable } from '../../src/translation-table/index.ts';
import { compute, createSimulation, type ObjectRef, type Op } from '../../src/index.ts';
import { entryFixture } from './entry-fixture.ts';
import { directInto } from '../simulation/direct-into.ts';

function direct(h: EventsHasher): DirectEvents {
  return directInto(h, 5, 9);
}

describe('directEnteredArgs hashes the bytes of directEntered with the array', () => {
  const entry = entryFixture(12, 'counter');
  const cycle: Record<string, unknown> = { k: 1 };
  cycle.self = cycle;
  const shared = { a: [1, 2] };
  const cases: unknown[][] = [
    [],
    [7],
    [-0, 'x'],
    [0.5, null, undefined],
    [{ z: 1, a: [2, 'b'] }, shared, shared, cycle],
    [2 ** 40, 'Ünïcødé', true, new Error('boom')],
  ];
  test.each(cases.map((c, i) => [i, c] as const))('case %i', (_i, args) => {
    const a = new EventsHasher();
    const b = new EventsHasher();
    directEntered(direct(a), 3, entry, 'add', 4, 1, args);
    const [a0, a1, a2, a3] = args;
    directEnteredArgs(direct(b), 3, entry, 'add', 4, 1, args.length, a0, a1, a2, a3);
    expect(b.hex).toBe(a.hex);
    // one argument fewer hashes differently, so the comparison can fail
    if (args.length > 0) {
      const d = new EventsHasher();
      directEnteredArgs(direct(d), 3, entry, 'add', 4, 1, args.length - 1, a0, a1, a2, a3);
      expect(d.hex).not.toBe(a.hex);
    }
  });
});

class Calc {
  n = 0;
  reset(): number {
    return (this.n = 0);
  }
  add(x: number): number {
    if (x % 7 === 3) throw new Error(`bad ${x}`);
    return (this.n += x);
  }
  mix(a: number, b: string, c: unknown): string {
    return `${a}${b}${String(c)}`;
  }
  four(a: number, b: number, c: number, d: number): number {
    return a + b + c + d;
  }
  five(a: number, b: number, c: number, d: number, e: number): number {
    return a + b + c + d + e;
  }
  /** Nested plain calls through a ref, `depth` deep. */
  nest(other: ObjectRef<Calc>, depth: number): number {
    return depth <= 0 ? this.n : 1 + other.nest(other, depth - 1);
  }
  *work(k: number): Op<number> {
    yield* compute(1);
    return k;
  }
}
class CalcLess {
  n = 0;
  add(x: number): number {
    return (this.n += 2 * x);
  }
}

function run(seed: number, observed: boolean, callDepthMax = 1000) {
  const sim = createSimulation({ seed, cpus: 2, callDepthMax });
  let seen = 0;
  if (observed) sim.events$.subscribe(() => void seen++);
  const objs = Array.from({ length: 3 }, () => sim.objects.create(Calc));
  const caught: string[] = [];
  const attempt = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      caught.push((e as Error).name);
    }
  };
  for (let i = 0; i < 12; i++)
    sim.at(i, () =>
      sim.spawn(`w${i}`, function* () {
        for (let k = 0; k < 5; k++) {
          const o = objs[(i + k) % 3];
          attempt(() => o.add(i + k));
          attempt(() => o.mix(k, 'q', { i, k }));
          attempt(() => o.four(1, 2, 3, k));
          attempt(() => o.five(1, 2, 3, 4, k));
          attempt(() => o.reset());
          attempt(() => o.nest(objs[0], k + 1));
          yield* o.work(k);
        }
      }),
    );
  // objs[2] becomes a CalcLess: mix, four, five, reset, nest are gone (NoSuchMethodError)
  sim.at(6, () => void sim.hotswap(objs[2], CalcLess as unknown as typeof Calc));
  const r = sim.run();
  expect(r.outcome).toBe('passed');
  if (observed) expect(seen).toBeGreaterThan(r.events - 10);
  return { hash: r.eventsHash, events: r.events, caught: caught.join(',') };
}

describe('a run hashes the same on the array-less path (unobserved) and observed', () => {
  afterEach(() => void vi.restoreAllMocks());

  test.each([1, 2, 3])('seed %i', (seed) => {
    const direct = run(seed, false);
    expect(direct).toEqual(run(seed, true));
    expect(direct.caught).toMatch(/Error/);
    expect(direct.events).toBeGreaterThan(1000);
  });

  test('the depth limit is the same on both paths', () => {
    const direct = run(4, false, 3);
    expect(direct.caught).toContain('CallDepthError');
    expect(direct).toEqual(run(4, true, 3));
  });

  test('calls with at most 4 arguments do not reach callPlain when only the hash listens', () => {
    const plain = vi.spyOn(TranslationTable.prototype, 'callPlain');
    const fast = vi.spyOn(TranslationTable.prototype, 'callFastHashed');
    const sim = createSimulation({ seed: 1, cpus: 1 });
    const c = sim.objects.create(Calc);
    sim.spawn('t', function* () {
      c.add(1);
      c.four(1, 2, 3, 4);
      c.five(1, 2, 3, 4, 5); // more than 4 arguments: the array path
      yield* c.work(1);
    });
    expect(sim.run().outcome).toBe('passed');
    const mine = (spy: typeof fast | typeof plain) =>
      spy.mock.calls.map((c) => c[1]).filter((m) => ['add', 'four', 'five'].includes(m));
    expect(mine(fast)).toEqual(['add', 'four']);
    expect(mine(plain)).toEqual(['five']);
    // the scheduler policy's plain calls take it too
    expect(fast.mock.calls.length).toBeGreaterThan(2);
    expect(plain).toHaveBeenCalledTimes(1);
  });
});
