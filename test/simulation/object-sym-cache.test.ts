/**
 * The per-object symbol ids of the event hash (src/simulation/object-sym-cache.ts,
 * EventsHasher.objectName / method / impl): a call event's object name,
 * method and implementation name are hashed as cached ids, and the bytes
 * stay those of the built events when the name changes between two hashed
 * calls: a rename (a given name), a swap (the class changes and the default
 * name is fixed first, as TranslationTable.retarget does), a class change
 * without that fix (the default name follows the Factory), two objects in
 * one cache slot, methods alternating on one object, and a full symbol
 * table. And the cache is used: the entry's name is read once, not per call.
 */
import { describe, expect, test } from 'vitest';
import type { DirectEvents } from '../../src/kernel/index.ts';
import { EventsHasher } from '../../src/simulation/index.ts';
import { SYMS_MAX } from '../../src/simulation/events-hash.ts';
import { OBJECT_SLOTS } from '../../src/simulation/object-sym-cache.ts';
import {
  directEntered,
  directExited,
  directReached,
} from '../../src/translation-table/call-events-direct.ts';
import { directEnteredArgs } from '../../src/translation-table/call-entered-args.ts';
import { Factory, type TableEntry } from '../../src/translation-table/index.ts';
import { createSimulation, compute, type Op } from '../../src/index.ts';
import { entryFixture } from '../translation-table/entry-fixture.ts';
import { directInto } from './direct-into.ts';

class Counter {}
class Counter2 {}

/** Hashes one stream twice: direct emitters into `direct`, the same events built into `built`. */
class Pair {
  readonly direct = new EventsHasher();
  readonly built = new EventsHasher();
  private seq = 0;
  private tick = 0;

  private into(): DirectEvents {
    const h = this.direct;
    const [tick, seq] = [this.tick, this.seq];
    return directInto(h, tick, seq);
  }

  private built1(e: Record<string, unknown>): void {
    this.built.add({ ...e, tick: this.tick, seq: this.seq++ });
    this.tick++;
  }

  /** A call's three events; `impl` defaults to the entry's class name; `plain` uses the one-by-one args path. */
  call(entry: TableEntry, method: string, impl = entry.factory.name, plain = false): void {
    const object = entry.id;
    if (plain) directEnteredArgs(this.into(), 0, entry, method, 3, 1, 1, 7, 0, 0, 0);
    else directEntered(this.into(), 0, entry, method, 3, 1, []);
    const args = plain ? [7] : [];
    this.built1({
      type: 'call.entered',
      call: 0,
      object,
      objectName: entry.name,
      method,
      thread: 3,
      cpu: 1,
      args,
    });
    directReached(this.into(), 0, entry, impl, 1);
    this.built1({ type: 'call.reached', call: 0, object, version: entry.version, impl, cpu: 1 });
    directExited(this.into(), 0, entry, method, 3, 1, null);
    this.built1({ type: 'call.exited', call: 0, object, method, thread: 3, cpu: 1, error: null });
  }

  /** The two hashes agree (and count the same events). */
  check(): void {
    expect(this.direct.count).toBe(this.built.count);
    expect(this.direct.hex).toBe(this.built.hex);
  }
}

/** What TranslationTable.retarget does to an entry's name and class (the default name fixed first). */
function swap(entry: TableEntry, cls: Function): void {
  entry.more().givenName ??= entry.name;
  entry.factory = new Factory(cls, () => []);
  entry.version++;
}

describe('a name change between two hashed calls hashes as the built events', () => {
  test('a rename (given name), then a rename back to a default-looking name', () => {
    const p = new Pair();
    const e = entryFixture(4, null, 1, Counter);
    p.call(e, 'add');
    p.call(e, 'add');
    e.name = 'renamed';
    p.call(e, 'add');
    e.name = 'Counter#4';
    p.call(e, 'add');
    e.name = 'renamed';
    p.call(e, 'add');
    p.check();
    // and the rename is seen: a stream without it differs
    const q = new Pair();
    const f = entryFixture(4, null, 1, Counter);
    for (let i = 0; i < 5; i++) q.call(f, 'add');
    expect(q.direct.hex).not.toBe(p.direct.hex);
  });

  test('a swap (default name fixed, class and impl name change), then a second swap', () => {
    const p = new Pair();
    const e = entryFixture(9, null, 1, Counter);
    p.call(e, 'add');
    swap(e, Counter2);
    expect(e.name).toBe('Counter#9');
    p.call(e, 'add');
    swap(e, Counter);
    p.call(e, 'add', 'Counter');
    p.check();
  });

  test('a class change without the fix: the default name follows the Factory', () => {
    const p = new Pair();
    const e = entryFixture(9, null, 1, Counter);
    p.call(e, 'add');
    e.factory = new Factory(Counter2, () => []);
    expect(e.name).toBe('Counter2#9');
    p.call(e, 'add');
    e.factory = new Factory(Counter, () => []); // another Factory, the same class name
    p.call(e, 'add');
    e.more().givenName = null; // a given name dropped: back to the default
    p.call(e, 'add');
    p.check();
  });

  test('two objects sharing a cache slot, alternating', () => {
    const p = new Pair();
    const a = entryFixture(5, null, 1, Counter);
    const b = entryFixture(5 + OBJECT_SLOTS, 'b');
    const c = entryFixture(5 + 2 * OBJECT_SLOTS, null, 1, Counter2);
    for (let i = 0; i < 4; i++) for (const e of [a, b, c]) p.call(e, i % 2 ? 'get' : 'add', 'X');
    p.check();
  });

  test('methods alternating and cycling on one object, and the one-by-one args path', () => {
    const p = new Pair();
    const e = entryFixture(1, 'policy');
    for (const m of ['enqueue', 'pickNext', 'enqueue', 'pickNext', 'a', 'b', 'c', 'a', 'b', 'c'])
      p.call(e, m, 'Fifo', m === 'pickNext');
    p.check();
  });

  test('with the symbol table full, names, methods and impls not interned are hashed in full each time', () => {
    const p = new Pair();
    const early = entryFixture(1, null, 1, Counter);
    p.call(early, 'add');
    for (const h of [p.direct, p.built]) for (let i = 0; i < SYMS_MAX; i++) h.sym(`s${i}`);
    const late = entryFixture(2, null, 1, Counter2);
    for (let i = 0; i < 3; i++) {
      p.call(late, 'lateMethod', 'LateImpl');
      p.call(early, 'add');
      late.name = `late${i}`;
    }
    p.check();
  });
});

describe('the name is read once per object, not per call', () => {
  test('three calls read the name getter once; a rename reads it once more', () => {
    const e = entryFixture(3, null, 1, Counter);
    let reads = 0;
    const proto = Object.getPrototypeOf(e) as object;
    const getter = Object.getOwnPropertyDescriptor(proto, 'name')!;
    Object.defineProperty(e, 'name', {
      get() {
        reads++;
        return getter.get!.call(e) as string;
      },
      set(v: string) {
        getter.set!.call(e, v);
      },
    });
    const h = new EventsHasher();
    const d: DirectEvents = directInto(h, 1, 1);
    for (let i = 0; i < 3; i++) directEntered(d, i, e, 'add', 1, 0, []);
    expect(reads).toBe(1);
    e.name = 'other';
    for (let i = 0; i < 3; i++) directEntered(d, i, e, 'add', 1, 0, []);
    expect(reads).toBe(2);
  });
});

class Acc {
  n = 0;
  add(x: number): number {
    return (this.n += x);
  }
  *work(k: number): Op<number> {
    yield* compute(1 + (k % 2));
    this.add(k);
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

/** A run with a rename and swaps between calls; observed (built events) or not (direct). */
function run(observed: boolean): { hash: string; events: number; names: Set<string> } {
  const sim = createSimulation({ seed: 3, cpus: 2 });
  const names = new Set<string>();
  if (observed)
    sim.events$.subscribe((e) => {
      if (e.type === 'call.entered') names.add(e.objectName);
    });
  const objs = [sim.objects.create(Acc), sim.objects.create(Acc), sim.objects.create(Acc)];
  for (let i = 0; i < 12; i++)
    sim.at(i, () =>
      sim.spawn('w', function* () {
        for (let k = 0; k < 4; k++) yield* objs[(i + k) % 3].work(k);
      }),
    );
  sim.at(4, () => void ((objs[0] as unknown as { $e: TableEntry }).$e.name = 'renamed'));
  sim.at(6, () => void sim.hotswap(objs[1], Acc2));
  sim.at(8, () => void sim.hotswap(objs[0], Acc2));
  const r = sim.run();
  expect(r.outcome).toBe('passed');
  return { hash: r.eventsHash, events: r.events, names };
}

test('a run with a rename and two swaps hashes the same unobserved (direct) and observed', () => {
  const observed = run(true);
  const direct = run(false);
  expect(direct.hash).toBe(observed.hash);
  expect(direct.events).toBe(observed.events);
  // the rename and the default names are in the stream, so a stale cached name would differ
  expect(observed.names).toEqual(new Set(['scheduler', 'Acc#2', 'Acc#3', 'Acc#4', 'renamed']));
});
