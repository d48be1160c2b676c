/**
 * Direct emitters (src/kernel/event-bus.ts, "Direct emitters"): while the
 * event hash is on and nobody subscribes, the hot events are hashed field by
 * field and never built. Here each direct encoder is compared with hashing
 * the event object it stands for, over many field values (integers, -0,
 * fractions, large numbers, unicode strings, null, nested args, Threads in
 * args); and whole runs give the same hash and event count unobserved (direct)
 * and observed (built events), on several schedules, with plain calls that
 * throw, generator calls, sleeps, yields and a hot swap.
 */
import { describe, expect, test } from 'vitest';
import { Prng, type DirectEvents } from '../../src/kernel/index.ts';
import { directAction, directOnCpu, directSpawned } from '../../src/kernel/kernel-events-direct.ts';
import {
  directEntered,
  directExited,
  directReached,
} from '../../src/translation-table/call-events-direct.ts';
import { EventsHasher } from '../../src/simulation/index.ts';
import { SYMS_MAX } from '../../src/simulation/events-hash.ts';
import { ObjectRefBase } from '../../src/translation-table/index.ts';
import { compute, createSimulation, sleep, yieldCpu, type Op } from '../../src/index.ts';
import { entryFixture } from '../translation-table/entry-fixture.ts';
import { directInto } from './direct-into.ts';

const NUMBERS = [0, 1, -1, 7, -0, 0.5, 2 ** 31, 2 ** 53 - 1, -(2 ** 40), 1e21, NaN];
const STRINGS = ['', 'scheduler', 'Ünïcødé ✓', 'a'.repeat(40), 'call.entered'];

function pick<T>(rng: Prng, xs: readonly T[]): T {
  return xs[rng.int(0, xs.length - 1)];
}

const fakeThread = { toJSON: () => ({ thread: 3, name: 'peer' }) };

describe('each direct encoder hashes the bytes of the event it stands for', () => {
  const rng = new Prng(18);
  const n = () => pick(rng, NUMBERS);
  const s = () => pick(rng, STRINGS);
  const cases: [string, (d: DirectEvents) => void, Record<string, unknown>][] = [];
  for (let i = 0; i < 40; i++) {
    const [thread, cpu, call, object, version] = [n(), n(), n(), n(), n()];
    const [name, method, impl, label] = [s(), s(), s(), s()];
    const parent = i % 3 === 0 ? null : n();
    const daemon = i % 2 === 0;
    const args = [[], [n(), s()], [fakeThread, n(), s()], [{ z: 1, a: [n(), null] }]][i % 4];
    const error = i % 2 === 0 ? null : s();
    for (const type of [
      'thread.dispatched',
      'thread.preempted',
      'thread.yielded',
      'thread.exited',
    ] as const)
      cases.push([type, (d) => directOnCpu(d, type, thread, cpu), { type, thread, cpu }]);
    cases.push(
      [
        'thread.spawned',
        (d) => directSpawned(d, thread, name, parent, daemon),
        { type: 'thread.spawned', thread, name, parent, daemon },
      ],
      ['kernel.action', (d) => directAction(d, label), { type: 'kernel.action', label }],
      [
        'call.entered',
        (d) => directEntered(d, call, entryFixture(object, name), method, thread, cpu, args),
        { type: 'call.entered', call, object, objectName: name, method, thread, cpu, args },
      ],
      [
        'call.reached',
        (d) => directReached(d, call, entryFixture(object, null, version), impl, cpu),
        { type: 'call.reached', call, object, version, impl, cpu },
      ],
      [
        'call.exited',
        (d) => directExited(d, call, entryFixture(object, null), method, thread, cpu, error),
        { type: 'call.exited', call, object, method, thread, cpu, error },
      ],
    );
  }

  test.each([
    'thread.dispatched',
    'thread.spawned',
    'kernel.action',
    'call.entered',
    'call.reached',
    'call.exited',
    'thread.exited',
  ])('%s', (type) => {
    const mine = cases.filter((c) => c[0] === type);
    expect(mine.length).toBe(40);
    mine.forEach(([, direct, event], i) => {
      const [tick, seq] = [i * 13, i * 7 + 1];
      const built = new EventsHasher();
      const streamed = new EventsHasher();
      built.add({ ...event, tick, seq });
      direct(directInto(streamed, tick, seq));
      expect(streamed.hex, `${type} #${i}`).toBe(built.hex);
      expect(streamed.count).toBe(1);
      // and a neighbouring stamp hashes differently, so the comparison can fail
      const other = new EventsHasher();
      direct(directInto(other, tick, seq + 1));
      expect(other.hex).not.toBe(built.hex);
    });
  });
});

class Acc {
  n = 0;
  add(x: number): number {
    if (x % 7 === 3) throw new Error(`bad ${x}`);
    this.n += x;
    return this.n;
  }
  *work(k: number, other: Acc): Op<number> {
    yield* compute(1 + (k % 3));
    if (k % 4 === 0) other.add(k);
    if (k % 5 === 0) yield* sleep(2);
    return this.n;
  }
  exportFormats(): string[] {
    return ['acc'];
  }
  exportState(): { n: number } {
    return { n: this.n };
  }
  importFormats(): string[] {
    return ['acc'];
  }
  importState(_f: string, s: { n: number }): void {
    this.n = s.n;
  }
}
class Acc2 extends Acc {}

function run(seed: number, schedule: string, observed: boolean): { hash: string; events: number } {
  const sim = createSimulation({ seed, cpus: 3, schedule });
  let seen = 0;
  if (observed) sim.events$.subscribe(() => void seen++);
  const objs = Array.from({ length: 5 }, () => sim.objects.create(Acc));
  for (let i = 0; i < 30; i++)
    sim.at(i, () =>
      sim.spawn(`w${i % 4}`, function* () {
        for (let k = 0; k < 6; k++) {
          try {
            objs[(i + k) % 5].add(k + i);
          } catch {
            // a plain call that throws: call.exited carries the error
          }
          yield* objs[(i * 3 + k) % 5].work(k, objs[(i + 1) % 5] as unknown as Acc);
          if (k === 2) yield* yieldCpu();
        }
      }),
    );
  sim.at(20, () => void sim.hotswap(objs[1], Acc2));
  const r = sim.run();
  expect(r.outcome).toBe('passed');
  // the observer sees every event but those made while the simulation was built
  if (observed) expect(seen).toBeGreaterThan(r.events - 10);
  return { hash: r.eventsHash, events: r.events };
}

describe('a run hashes the same unobserved (direct) and observed (built events)', () => {
  for (const schedule of ['fifo', 'random', 'pct:3'])
    test(schedule, () => {
      for (const seed of [1, 2]) {
        const direct = run(seed, schedule, false);
        expect(direct).toEqual(run(seed, schedule, true));
        expect(direct.events).toBeGreaterThan(1000);
      }
    });
});

/** One stream, some events direct and some built: the type ids a direct emitter caches per slot must match. */
function streamPair(prefill: (h: EventsHasher) => void): { direct: string; built: string } {
  const direct = new EventsHasher();
  const built = new EventsHasher();
  prefill(direct);
  prefill(built);
  const hostile = new Proxy(
    {},
    {
      getPrototypeOf() {
        throw new Error('no');
      },
    },
  );
  const cyclic: unknown[] = [1];
  cyclic.push(cyclic);
  const holder: Record<string, unknown> = { k: 1 };
  const ref = Object.create(ObjectRefBase.prototype, { $e: { value: { name: 'counter#2' } } });
  const argsList: unknown[][] = [
    [],
    [1, 'x', null, undefined, true, -0, 0.5],
    [hostile, 2],
    cyclic,
    [holder, [holder]],
    [ref, fakeThread, new Error('e'), 7n],
  ];
  holder.self = argsList[4];
  const counter = entryFixture(2, 'counter');
  let seq = 0;
  for (let round = 0; round < 3; round++)
    for (let i = 0; i < argsList.length; i++) {
      const tick = round * 10 + i;
      const args = argsList[i];
      const events: [(d: DirectEvents) => void, Record<string, unknown>][] = [
        [
          (d) => directEntered(d, i, counter, 'add', 5, 1, args),
          {
            type: 'call.entered',
            call: i,
            object: 2,
            objectName: 'counter',
            method: 'add',
            thread: 5,
            cpu: 1,
            args,
          },
        ],
        [
          (d) => directReached(d, i, counter, 'Counter', 1),
          { type: 'call.reached', call: i, object: 2, version: 1, impl: 'Counter', cpu: 1 },
        ],
        [
          (d) => directOnCpu(d, 'thread.preempted', 5, 1),
          { type: 'thread.preempted', thread: 5, cpu: 1 },
        ],
        [
          (d) => directExited(d, i, counter, 'add', 5, 1, i % 2 ? null : 'Error: e'),
          {
            type: 'call.exited',
            call: i,
            object: 2,
            method: 'add',
            thread: 5,
            cpu: 1,
            error: i % 2 ? null : 'Error: e',
          },
        ],
      ];
      for (const [emit, event] of events) {
        const s = seq++;
        // every third event of the direct stream is built, so ids cross both paths
        if (s % 3 === round % 3) direct.add({ ...event, tick, seq: s });
        else emit(directInto(direct, tick, s));
        built.add({ ...event, tick, seq: s });
      }
    }
  expect(direct.count).toBe(built.count);
  return { direct: direct.hex, built: built.hex };
}

describe('a stream mixing direct and built events hashes as if all were built', () => {
  test('type ids interned by either path, args with cycles, refs, Threads and hostile items', () => {
    const { direct, built } = streamPair(() => {});
    expect(direct).toBe(built);
  });

  test('a type first interned by a built event', () => {
    const first = (h: EventsHasher) =>
      h.add({ type: 'thread.preempted', tick: 0, seq: 0, thread: 1, cpu: 0 });
    const { direct, built } = streamPair(first);
    expect(direct).toBe(built);
  });

  test('with the symbol table full, types are hashed in full each time, as built', () => {
    const fill = (h: EventsHasher) => {
      for (let i = 0; i < SYMS_MAX / 2; i++)
        h.add({
          type: 'object.created',
          tick: 0,
          seq: i,
          object: i,
          name: `a${i}`,
          class: `b${i}`,
          clustered: false,
        });
    };
    const { direct, built } = streamPair(fill);
    expect(direct).toBe(built);
  });
});
