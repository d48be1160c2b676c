import { describe, expect, test } from 'vitest';
import { Thread, type Op } from '../../src/kernel/index.ts';
import { CpuActivations } from '../../src/quiescence/cpu-activations.ts';

function* body(): Op<void> {}

/** A thread counted with activation number `seq` (what QuiescenceDetector.activate sets). */
function counted(on: CpuActivations, id: number, seq: number): Thread {
  const t = new Thread(id, `t${id}`, null, body, 1, 0, -1);
  t.countCpu = 0;
  t.countSeq = seq;
  on.add(t);
  return t;
}

/** Uncount `t` the way QuiescenceDetector.deactivate does: clear its count, then retire. */
function uncount(on: CpuActivations, t: Thread): void {
  t.countCpu = -1;
  t.countSeq = -1;
  on.retire();
}

describe('CpuActivations: counts on the Thread, entries in parallel arrays', () => {
  test('the oldest live activation is found after out-of-order uncounts', () => {
    const on = new CpuActivations();
    const [a, b, c] = [counted(on, 1, 0), counted(on, 2, 1), counted(on, 3, 2)];
    expect(on.oldestSeq()).toBe(0);
    uncount(on, b);
    expect(on.oldestSeq()).toBe(0);
    expect([...on.liveThreads()]).toEqual([a, c]);
    uncount(on, a);
    expect(on.oldestSeq()).toBe(2);
    expect(on.live).toBe(1);
    uncount(on, c);
    expect(on.oldestSeq()).toBe(Infinity);
    expect(on.live).toBe(0);
  });

  test('a thread uncounted and counted again is live only under its new number', () => {
    const on = new CpuActivations();
    const a = counted(on, 1, 0);
    const b = counted(on, 2, 1);
    uncount(on, a);
    a.countCpu = 0;
    a.countSeq = 2; // counted again (a quiescent point)
    on.add(a);
    expect([...on.aliveBelow(2)]).toEqual([b]); // the old entry of `a` is dead
    expect([...on.liveThreads()]).toEqual([b, a]);
    uncount(on, b);
    expect(on.oldestSeq()).toBe(2);
  });

  test('memory stays O(live): retired entries behind one long-lived thread are compacted, order kept', () => {
    const on = new CpuActivations();
    const old = counted(on, 0, 0);
    let seq = 1;
    const kept: Thread[] = [];
    for (let i = 1; i <= 5000; i++) {
      const t = counted(on, i, seq++);
      if (i % 1000 === 0) kept.push(t);
      else uncount(on, t);
    }
    expect(on.live).toBe(1 + kept.length);
    expect([...on.liveThreads()]).toEqual([old, ...kept]);
    const visitedBefore = on.steps;
    expect(visitedBefore).toBeGreaterThan(0); // compaction visited the dead ones
    expect(visitedBefore).toBeLessThan(3 * 5000); // ... O(1) times each
    uncount(on, old);
    expect(on.oldestSeq()).toBe(kept[0].countSeq);
  });
});
