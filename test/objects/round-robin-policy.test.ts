import { describe, expect, test } from 'vitest';
import { compute, createSimulation, RoundRobinPolicy, yieldCpu, type ThreadView } from 'kernel-sim';

function view(id: number): ThreadView {
  return {
    id,
    name: `t${id}`,
    parentId: null,
    state: 'ready',
    weight: 1,
    cpu: -1,
    tickSpawned: 0,
    calls: [],
    selfDeactivated: false,
  };
}

describe('RoundRobinPolicy (bare)', () => {
  test('one FIFO per CPU; the hint picks the queue', () => {
    const p = new RoundRobinPolicy({ cpus: 2, quantumTicks: 10 });
    p.enqueue(view(1), 0, 'spawned');
    p.enqueue(view(2), 1, 'spawned');
    p.enqueue(view(3), 0, 'preempted');
    expect(p.snapshot()).toEqual([[1, 3], [2]]);
    expect(p.readyCount()).toBe(3);
    expect(p.pickNext(0)).toBe(1);
    expect(p.pickNext(0)).toBe(3);
    expect(p.pickNext(1)).toBe(2);
    expect(p.pickNext(1)).toBeUndefined();
  });

  test('no hint (or a bad one) goes to the shortest queue, lowest CPU first', () => {
    const p = new RoundRobinPolicy({ cpus: 3, quantumTicks: 10 });
    p.enqueue(view(1), 0, 'spawned');
    p.enqueue(view(2), -1, 'spawned');
    p.enqueue(view(3), 7, 'spawned');
    p.enqueue(view(4), -1, 'spawned');
    expect(p.snapshot()).toEqual([[1, 4], [2], [3]]);
  });

  test('an idle CPU steals the tail of the longest other queue', () => {
    const p = new RoundRobinPolicy({ cpus: 3, quantumTicks: 10 });
    for (const id of [1, 2, 3]) p.enqueue(view(id), 0, 'spawned');
    p.enqueue(view(4), 1, 'spawned');
    expect(p.pickNext(2)).toBe(3);
    expect(p.snapshot()).toEqual([[1, 2], [4], []]);
  });

  test("'run-queue' export and import keep each CPU's order; extra CPUs fold modulo", () => {
    const a = new RoundRobinPolicy({ cpus: 3, quantumTicks: 10 });
    a.importState('run-queue', { queues: [[1, 2], [3], [4, 5]] });
    expect(a.exportState('run-queue')).toEqual({ queues: [[1, 2], [3], [4, 5]] });
    const b = new RoundRobinPolicy({ cpus: 2, quantumTicks: 10 });
    b.importState('run-queue', a.exportState('run-queue'));
    expect(b.snapshot()).toEqual([[1, 2, 4, 5], [3]]);
    expect(b.exportFormats()).toEqual(['run-queue']);
    expect(b.importFormats()).toEqual(['run-queue']);
  });
});

describe('RoundRobinPolicy as the kernel scheduler', () => {
  test('the dispatcher reaches it through the table and every thread runs', () => {
    const sim = createSimulation({ seed: 4, cpus: 2, quantumTicks: 4, callStats: true });
    const order: string[] = [];
    const names = new Map<number, string>();
    sim.select('thread.spawned').subscribe((e) => names.set(e.thread, e.name));
    sim.select('thread.dispatched').subscribe((e) => {
      if (e.cpu === 0) order.push(names.get(e.thread)!);
    });
    for (const n of ['a', 'b', 'c']) {
      sim.spawn(
        n,
        function* () {
          yield* compute(8);
          yield* yieldCpu();
          yield* compute(4);
        },
        { cpu: 0 },
      );
    }
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(r.threads.exited).toBe(3);
    const info = sim.objects.info(sim.scheduler);
    expect(info.class).toBe('RoundRobinPolicy');
    expect(info.stats.pickNext.calls).toBeGreaterThan(0);
    expect(info.stats.enqueue.calls).toBeGreaterThanOrEqual(3);
    // CPU 1 steals from CPU 0's tail, so CPU 0 serves a and b in turn at first
    expect(order.slice(0, 2)).toEqual(['a', 'b']);
  });
});
