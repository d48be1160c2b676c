import { describe, expect, test } from 'vitest';
import { KernelPanic, Prng, Thread, ThreadTable } from '../../src/kernel/index.ts';

function* body(): Generator<never, void, unknown> {}
const thread = (id: number) => new Thread(id, `t${id}`, null, body, 1, 0, -1);

describe('ThreadTable', () => {
  test('behaves like a Map in spawn order under random adds and deletes, across compaction', () => {
    const prng = new Prng(11);
    const table = new ThreadTable();
    const ref = new Map<number, Thread>();
    const mismatches: string[] = [];
    const live: number[] = []; // ref's keys, oldest first
    let next = 1;
    for (let round = 0; round < 20000; round++) {
      if (prng.int(0, 2) > 0 || ref.size === 0) {
        const t = thread(next);
        next += prng.int(1, 2); // ids may skip, as they do when threadsMax refuses a spawn
        table.add(t);
        ref.set(t.id, t);
        live.push(t.id);
      } else {
        // Mostly the oldest (so the front is dropped), sometimes any live one.
        const at = prng.int(0, 3) === 0 ? prng.int(0, live.length - 1) : 0;
        const id = live.splice(at, 1)[0];
        if (!table.delete(id) || table.delete(id)) mismatches.push(`round ${round}: delete ${id}`);
        ref.delete(id);
      }
      if (round % 997 === 0) {
        expect([...table]).toEqual([...ref]);
        expect([...table.keys()]).toEqual([...ref.keys()]);
        expect([...table.values()]).toEqual([...ref.values()]);
      }
      const probe = prng.int(0, next + 5);
      const ok = table.get(probe) === ref.get(probe) && table.has(probe) === ref.has(probe);
      if (!ok || table.size !== ref.size) mismatches.push(`round ${round}: id ${probe}`);
    }
    expect(mismatches).toEqual([]);
    expect(table.get(0)).toBeUndefined();
    expect(table.get(-5)).toBeUndefined();
  });

  test('restarts its window when empty, and iterating survives deletes and adds', () => {
    const table = new ThreadTable();
    for (let id = 1; id <= 3000; id++) table.add(thread(id));
    const seen: number[] = [];
    for (const [id] of table) {
      seen.push(id);
      if (id < 2999) table.delete(id); // drops the front (and compacts) while iterating
      if (id === 3000) table.add(thread(3001));
    }
    expect(seen.length).toBe(3001);
    expect([...table.keys()]).toEqual([2999, 3000, 3001]);
    for (const id of [2999, 3000, 3001]) table.delete(id);
    expect(table.size).toBe(0);
    table.add(thread(50000));
    expect([...table.keys()]).toEqual([50000]);
    expect(table.get(50000)?.name).toBe('t50000');
  });

  test('long-lived threads do not hold the window open: it stays within 4x the live threads', () => {
    const table = new ThreadTable();
    const ref = new Map<number, Thread>();
    const add = (id: number) => {
      const t = thread(id);
      table.add(t);
      ref.set(id, t);
    };
    const drop = (id: number) => {
      expect(table.delete(id)).toBe(true);
      ref.delete(id);
    };
    let id = 1;
    // Stragglers: every 5,000th thread lives on; the others live 100 ids.
    for (; id <= 60000; id++) {
      add(id);
      if (id > 100 && (id - 100) % 5000 !== 1) drop(id - 100);
      if (id % 3001 === 0) {
        expect(table.windowSlots).toBeLessThanOrEqual(4 * ref.size + 8192);
        expect(table.get(1)?.id).toBe(1); // the oldest straggler, now in the overflow
        expect([...table.keys()]).toEqual([...ref.keys()]);
      }
    }
    expect(table.size).toBe(ref.size);
    expect([...table]).toEqual([...ref]);
    // Stragglers leave from the overflow; the table then empties and restarts.
    for (const k of [...ref.keys()]) drop(k);
    expect(table.size).toBe(0);
    expect(table.get(1)).toBeUndefined();
    expect(table.delete(1)).toBe(false);
    add(id);
    expect([...table.keys()]).toEqual([id]);
  });

  test('an id not above the newest panics', () => {
    const table = new ThreadTable();
    table.add(thread(5));
    table.add(thread(7));
    expect(() => table.add(thread(6))).toThrow(KernelPanic);
    expect(() => table.add(thread(7))).toThrow(
      'ThreadTable.add: thread 7 is not above the newest id 7',
    );
  });
});
