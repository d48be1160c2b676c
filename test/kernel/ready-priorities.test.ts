/**
 * ReadyPriorities (src/kernel/ready-priorities.ts), the heap behind PCT's
 * "highest ready priority": against a scan over the ready set, (1) on
 * seeded random sequences of add / update / delete / top, and (2) in whole
 * runs: bundled scenarios under pct with the heap and with the scan the
 * schedule used before (kept here as the reference, patched in for the
 * second run) give the same event hashes, seed for seed.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { importScenario } from '../../src/check/index.ts';
import { Prng, Schedule } from '../../src/kernel/index.ts';
import { ReadyPriorities } from '../../src/kernel/ready-priorities.ts';
import { runScenario } from '../../src/scenario/index.ts';

describe('ReadyPriorities against a scan', () => {
  test('seeded sequences of add, update, delete and top', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const rng = new Prng(seed);
      const heap = new ReadyPriorities();
      const ready = new Map<number, number>();
      const scan = () => Math.max(-1, ...ready.values());
      for (let op = 0; op < 1500; op++) {
        const id = rng.int(0, 40);
        const p = rng.int(0, 6); // few values: many ties
        switch (rng.int(0, 3)) {
          case 0:
            heap.add(id, p);
            ready.set(id, p);
            break;
          case 1:
            heap.update(id, p);
            if (ready.has(id)) ready.set(id, p);
            break;
          case 2:
            heap.delete(id);
            ready.delete(id);
            break;
          default:
            expect(heap.top(), `seed ${seed} op ${op}`).toBe(scan());
        }
        expect(heap.size).toBe(ready.size);
        expect(heap.has(id)).toBe(ready.has(id));
      }
      expect([...heap.ids()].sort((a, b) => a - b)).toEqual(
        [...ready.keys()].sort((a, b) => a - b),
      );
    }
  });

  test('empty: -1; stale entries do not count', () => {
    const h = new ReadyPriorities();
    expect(h.top()).toBe(-1);
    h.add(1, 9);
    h.add(2, 3);
    h.update(1, 1); // 1's old entry (9) is stale
    expect(h.top()).toBe(3);
    h.delete(2);
    expect(h.top()).toBe(1);
    h.update(7, 50); // not ready: ignored
    expect(h.top()).toBe(1);
    const set = new ReadyPriorities(false);
    set.add(4, 9);
    expect([set.size, set.has(4)]).toEqual([1, true]);
    expect(() => set.top()).toThrow(/ReadyPriorities.top: this set keeps no priorities/);
  });
});

describe('pct with the heap replays the scan exactly', () => {
  type Patched = { topReady: () => number };
  const proto = Schedule.prototype as unknown as Patched;
  const heapTop = proto.topReady;
  let scans = 0;
  /** The scan Schedule.topReady made before the heap (the reference). */
  function scanTop(this: { ready: ReadyPriorities; priority: Map<number, number> }): number {
    scans++;
    let top = -1;
    for (const other of this.ready.ids()) top = Math.max(top, this.priority.get(other) ?? 0);
    return top;
  }
  afterEach(() => {
    proto.topReady = heapTop;
  });

  test.each(['hello', 'multi-object-swap', 'counter-negotiation', 'stuck-swap'])(
    '%s: seeds 1-4 under pct and pct:5 give the same event hashes',
    async (name) => {
      const scenario = await importScenario(`scenarios/${name}.ts`);
      const hashes = () =>
        [1, 2, 3, 4].flatMap((seed) =>
          ['pct', 'pct:5'].map(
            (schedule) => runScenario(scenario, { seed, overrides: { schedule } }).eventsHash,
          ),
        );
      const withHeap = hashes();
      proto.topReady = scanTop;
      scans = 0;
      const withScan = hashes();
      expect(scans).toBeGreaterThan(0); // the reference did run
      expect(withHeap).toEqual(withScan);
      expect(new Set(withHeap).size).toBeGreaterThan(1);
    },
  );
});
