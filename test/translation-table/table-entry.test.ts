/**
 * The table entry's layout (src/translation-table/table-entry.ts): the ref
 * made at creation is the entry itself, with eight own fields; rare data
 * lives in a record made on first use; a class whose methods are named like
 * entry members gets a separate ref; a swap retargets the entry, so a ref
 * never keeps the old implementation.
 */
import { describe, expect, test } from 'vitest';
import { compute, createSimulation, type Op } from 'kernel-sim';
import { ENTRY_MEMBER_NAMES, TableEntry } from '../../src/translation-table/table-entry.ts';

class Cell {
  n = 0;
  get(): number {
    return this.n;
  }
  add(k: number): number {
    return (this.n += k);
  }
  *slowGet(): Op<number> {
    yield* compute(1);
    return this.n;
  }
}

class Cell2 extends Cell {
  override get(): number {
    return this.n + 1000;
  }
}

/** Methods named like entry members (state, version, describe, name). */
class Clashing {
  private s = 'idle';
  state(): string {
    return this.s;
  }
  version(): number {
    return 7;
  }
  describe(): string {
    return 'a clashing object';
  }
  name(): string {
    return 'clash';
  }
}

describe('the entry is the ref made at creation', () => {
  test('create returns the entry itself; refOf gives it back; it holds eight own fields', () => {
    const sim = createSimulation({ seed: 1 });
    const ref = sim.objects.create(Cell);
    const entry = sim.table.entryOf(ref);
    expect(entry).toBe(ref);
    expect(entry).toBeInstanceOf(TableEntry);
    expect(sim.table.refOf(entry)).toBe(ref);
    expect(Object.keys(entry).sort()).toEqual(
      ['ext', 'factory', 'fast', 'id', 'rare', 'state', 'target', 'version'].sort(),
    );
    for (const k of Object.keys(entry)) expect(ENTRY_MEMBER_NAMES.has(k)).toBe(true);
    // nothing rare: no extra record
    expect(entry.rare).toBeNull();
    expect(entry.args).toEqual([]);
    expect(entry.name).toBe(`Cell#${entry.id}`);
    expect(ref.add(2)).toBe(2);
    expect(ref.get()).toBe(2);
  });

  test('arguments, a given name and the transSet go to the rare record', () => {
    const sim = createSimulation({ seed: 1, cpus: 2 });
    const a = sim.objects.createNamed('cell-a', Cell);
    const ea = sim.table.entryOf(a);
    expect(ea.name).toBe('cell-a');
    expect(ea.rare?.givenName).toBe('cell-a');
    class WithArg {
      constructor(readonly k: number) {}
      get(): number {
        return this.k;
      }
    }
    const b = sim.objects.create(WithArg, 5);
    expect(b.get()).toBe(5);
    expect(sim.table.entryOf(b).args).toEqual([5]);
    const c = sim.objects.create(Cell);
    const ec = sim.table.entryOf(c);
    let got = -1;
    sim.spawn('t', function* () {
      got = yield* c.slowGet();
    });
    sim.run();
    expect(got).toBe(0);
    expect(ec.transSet).not.toBeNull();
    expect(ec.reachedOn(0) || ec.reachedOn(1)).toBe(true);
  });

  test('a swap retargets the entry: the ref calls the new implementation; the default name stays', () => {
    const sim = createSimulation({ seed: 1 });
    const ref = sim.objects.create(Cell);
    const entry = sim.table.entryOf(ref);
    const before = entry.name;
    ref.add(3);
    const impl = new Cell2();
    impl.n = 3;
    sim.table.retarget(entry, Cell2, impl);
    expect(entry.cls).toBe(Cell2);
    expect(entry.version).toBe(2);
    expect(ref.get()).toBe(1003);
    expect(entry.name).toBe(before);
    expect(sim.objects.peek(ref)).toBe(impl);
  });

  test('a class with methods named like entry members gets a separate ref, and its methods work', () => {
    const sim = createSimulation({ seed: 1 });
    const ref = sim.objects.create(Clashing);
    const entry = sim.table.entryOf(ref);
    expect(entry).not.toBe(ref);
    expect(sim.table.refOf(entry)).toBe(ref);
    expect(ref.state()).toBe('idle');
    expect(ref.version()).toBe(7);
    expect(ref.describe()).toBe('a clashing object');
    expect(ref.name()).toBe('clash');
    expect(entry.state).toBe('live');
    expect(entry.name).toBe(`Clashing#${entry.id}`);
    expect(sim.objects.instances(Clashing)).toEqual([ref]);
  });

  test('refFor gives a ref apart that reaches the same entry', () => {
    const sim = createSimulation({ seed: 1 });
    const ref = sim.objects.create(Cell);
    const entry = sim.table.entryOf(ref);
    const other = sim.table.refFor<Cell>(entry, Cell);
    expect(other).not.toBe(ref);
    expect(sim.table.entryOf(other)).toBe(entry);
    other.add(4);
    expect(ref.get()).toBe(4);
  });
});
