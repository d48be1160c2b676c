/**
 * sim.transaction: commit, undo on a throw through the objects' journals,
 * irrevocable effects kept, closed nesting, the journal's deep copies, and
 * the errors (not in a thread, a body that swallows its rollback).
 */
import { describe, expect, test } from 'vitest';
import { compute, createSimulation, type Op, type SimulationEvent } from '../../src/index.ts';
import { ObjectJournal, TransactionRolledBack } from '../../src/transactions/index.ts';

class Box {
  items: number[] = [];
  tags = new Map<string, number>();
  *put(n: number): Op<void> {
    yield* compute(1);
    this.items.push(n);
    this.tags.set(`t${n}`, n);
  }
  /** A plain call: journaled too (the fast path is off while transactions exist). */
  add(n: number): void {
    this.items.push(n);
  }
  list(): readonly number[] {
    return this.items;
  }
}

function setup() {
  const sim = createSimulation({ seed: 3, cpus: 1 });
  const box = sim.objects.createNamed('box', Box);
  const events: SimulationEvent[] = [];
  sim.events$.subscribe((e) => {
    if (e.type.startsWith('transaction.')) events.push(e);
  });
  return { sim, box, events };
}

describe('sim.transaction', () => {
  test('commits, and a throwing body has its effects undone, plain calls included', () => {
    const { sim, box, events } = setup();
    const t = sim.spawn('t', function* () {
      yield* sim.transaction('ok', function* () {
        yield* box.put(1);
      });
      yield* sim.transaction('bad', function* () {
        yield* box.put(2);
        box.add(3);
        throw new Error('boom');
      });
    });
    sim.run();
    expect(t.error).toBeInstanceOf(Error);
    expect((t.error as Error).message).toBe('boom');
    expect(box.list()).toEqual([1]);
    expect(events.map((e) => e.type)).toEqual([
      'transaction.begun',
      'transaction.committed',
      'transaction.begun',
      'transaction.failed',
    ]);
    expect(events[3]).toMatchObject({ error: expect.stringContaining('boom'), undone: [box.$id] });
  });

  test('an irrevocable effect is not undone when the body throws', () => {
    const { sim, box, events } = setup();
    sim.spawn('t', function* () {
      yield* sim.transaction('io', function* (tx) {
        yield* box.put(7);
        tx.irrevocable('wrote to disk');
        throw new Error('late');
      });
    });
    sim.run();
    expect(box.list()).toEqual([7]);
    expect(events.map((e) => e.type)).toContain('transaction.irrevocable');
    expect(events.at(-1)).toMatchObject({ type: 'transaction.failed', undone: [] });
  });

  test('nesting is closed: a failed inner transaction undoes only its own effects', () => {
    const { sim, box, events } = setup();
    sim.spawn('t', function* () {
      yield* sim.transaction('outer', function* () {
        yield* box.put(1);
        try {
          yield* sim.transaction('inner', function* () {
            yield* box.put(2);
            throw new Error('inner fails');
          });
        } catch {
          // the outer goes on without the inner's effects
        }
        yield* box.put(3);
      });
    });
    sim.run();
    expect(box.list()).toEqual([1, 3]);
    const begun = events.filter((e) => e.type === 'transaction.begun');
    expect(begun).toMatchObject([
      { name: 'outer', parent: null },
      { name: 'inner', parent: 1 },
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'transaction.committed', tx: 1 });
  });

  test('the journal copies arrays, maps and plain objects deeply, other objects by reference', () => {
    const shared = { kind: 'queue' };
    class Q {
      constructor() {}
    }
    const q = new Q();
    const impl = { a: [1, [2]], m: new Map([['k', { v: 1 }]]), p: { x: 1 }, q, shared } as Record<
      string,
      unknown
    >;
    const call = { method: 'm', args: [], result: undefined, error: undefined, tickExited: 1 };
    const j = new ObjectJournal(Object, 9, 'obj', null);
    j.record(1, 1, impl, call);
    (impl.a as unknown[]).push(3);
    ((impl.a as unknown[])[1] as number[]).push(4);
    (impl.m as Map<string, { v: number }>).get('k')!.v = 2;
    (impl.p as { x: number }).x = 5;
    impl.extra = true;
    j.record(1, 1, impl, call); // the oldest image stays
    expect(j.undo(1)).toBe(true);
    expect(impl).toEqual({ a: [1, [2]], m: new Map([['k', { v: 1 }]]), p: { x: 1 }, q, shared });
    expect(impl.q).toBe(q);
    expect(j.undo(1)).toBe(false);
  });

  test('a stale image cannot be undone; a logical journal undoes under interleaving', () => {
    const image = new ObjectJournal(Object, 1, 'img', null);
    const impl = { n: 1 };
    const call = { method: 'm', args: [], result: undefined, error: undefined, tickExited: 1 };
    image.record(7, 1, impl, call);
    image.touched(1, 5, 3); // the same thread: not stale
    expect(image.whyNotUndoable(7)).toBeNull();
    image.touched(2, 6, 4);
    expect(image.whyNotUndoable(7)).toBe(
      'img keeps a before-image and call 6 of thread 2 reached it at tick 4 since',
    );
    impl.n = 5;
    expect(image.undo(7)).toBe(false);
    expect(impl.n).toBe(5);

    class Counter {
      n = 0;
      static undo = {
        add(this: Counter, k: number) {
          this.n -= k;
        },
      };
    }
    const c = new Counter();
    const logical = new ObjectJournal(Counter, 2, 'counter', { add: Counter.undo.add as never });
    const add = (k: number, error?: unknown) => ({
      method: 'add',
      args: [k],
      result: undefined,
      error,
      tickExited: 1,
    });
    logical.record(1, 1, c, add(3));
    c.n += 3;
    logical.touched(2, 9, 2); // another thread's add in between
    c.n += 10;
    logical.record(1, 1, c, add(4, new Error('failed: no effect')));
    expect(logical.whyNotUndoable(1)).toBeNull();
    expect(logical.undo(1)).toBe(true);
    expect(c.n).toBe(10); // only the attempt's successful add(3) undone
  });

  test('outside a thread it is a clear error', () => {
    const { sim } = setup();
    expect(() =>
      sim
        .transaction('x', function* () {
          yield* compute(1);
        })
        .next(),
    ).toThrow(/sim.transaction\('x'\): not in a thread; run it inside a thread body with yield\*/);
  });

  test('a body that swallows its rollback is an error naming it', () => {
    const { sim, box } = setup();
    const t = sim.spawn('t', function* () {
      yield* sim.transaction('swallow', function* () {
        yield* box.put(1);
        try {
          yield* compute(20);
        } catch (e) {
          if (!(e instanceof TransactionRolledBack)) throw e;
        }
      });
    });
    sim.at(5, () => {
      const a = sim.transactions.conflicting([sim.table.entries[box.$id - 1]])[0];
      sim.transactions.rollBack(a, 'test rollback', null);
    });
    sim.run();
    expect(String(t.error)).toMatch(
      /sim.transaction\('swallow'\): the body returned after its attempt 1 was rolled back \(test rollback\)/,
    );
    expect(box.list()).toEqual([]);
  });
});
