import { describe, expect, test } from 'vitest';
import {
  compute,
  createSimulation,
  deactivateSelf,
  sleep,
  StridePolicy,
  RoundRobinPolicy,
  TICKETS_PER_WEIGHT,
  type StrideState,
  type ThreadView,
  type Simulation,
} from 'kernel-sim';

function view(id: number, weight = 1): ThreadView {
  return {
    id,
    name: `t${id}`,
    parentId: null,
    state: 'ready',
    weight,
    cpu: -1,
    tickSpawned: 0,
    calls: [],
    selfDeactivated: false,
  };
}

/** Pick `n` times on CPU 0, re-enqueueing each pick as preempted; dispatches per thread. */
function share(p: StridePolicy, threads: ThreadView[], n: number): Map<number, number> {
  const byId = new Map(threads.map((t) => [t.id, t]));
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const id = p.pickNext(0)!;
    counts.set(id, (counts.get(id) ?? 0) + 1);
    p.enqueue(byId.get(id)!, 0, 'preempted');
  }
  return counts;
}

describe('StridePolicy (bare)', () => {
  test('dispatches in proportion to weight', () => {
    const p = new StridePolicy({ cpus: 1, quantumTicks: 10 });
    const ts = [view(1, 1), view(2, 2), view(3, 3)];
    for (const t of ts) p.enqueue(t, 0, 'spawned');
    const c = share(p, ts, 600);
    expect(Math.abs(c.get(1)! - 100)).toBeLessThanOrEqual(1);
    expect(Math.abs(c.get(2)! - 200)).toBeLessThanOrEqual(1);
    expect(Math.abs(c.get(3)! - 300)).toBeLessThanOrEqual(1);
  });

  test('a woken thread banks no credit while it slept', () => {
    const p = new StridePolicy({ cpus: 1, quantumTicks: 10 });
    const a = view(1);
    const b = view(2);
    p.enqueue(a, 0, 'spawned');
    for (let i = 0; i < 50; i++) {
      expect(p.pickNext(0)).toBe(1);
      p.enqueue(a, 0, 'preempted');
    }
    p.enqueue(b, 0, 'woken');
    const c = share(p, [a, b], 20);
    expect(c.get(1)).toBe(10);
    expect(c.get(2)).toBe(10);
  });

  test('run-queue import keeps every CPU list in order; export groups by CPU hint', () => {
    const p = new StridePolicy({ cpus: 2, quantumTicks: 10 });
    p.importState('run-queue', {
      queues: [
        [1, 2, 3],
        [4, 5],
      ],
    });
    expect(p.readyCount()).toBe(5);
    expect(p.order).toEqual([1, 4, 2, 5, 3]);
    expect(p.exportState('run-queue')).toEqual({
      queues: [
        [1, 2, 3],
        [4, 5],
      ],
    });
    expect(p.clientStates.get(1)!.tickets).toBe(TICKETS_PER_WEIGHT);
    const picked = [0, 1, 0, 1, 0].map((cpu) => p.pickNext(cpu));
    expect(picked).toEqual([1, 4, 2, 5, 3]);
  });

  test('an imported thread gets its real weight at its next enqueue', () => {
    const p = new StridePolicy({ cpus: 1, quantumTicks: 10 });
    p.importState('run-queue', { queues: [[7]] });
    expect(p.pickNext(0)).toBe(7);
    p.enqueue(view(7, 4), 0, 'preempted');
    expect(p.clientStates.get(7)!.tickets).toBe(4 * TICKETS_PER_WEIGHT);
  });

  test('stride-state round trip keeps passes, tickets and order', () => {
    const a = new StridePolicy({ cpus: 2, quantumTicks: 10 });
    const ts = [view(1, 1), view(2, 3), view(3, 2)];
    for (const t of ts) a.enqueue(t, 1, 'spawned');
    share(a, ts, 7);
    a.pickNext(0);
    const s = a.exportState('stride-state') as StrideState;
    expect(s.ready.length).toBe(2);
    expect(s.idle.length).toBe(1);
    const b = new StridePolicy({ cpus: 2, quantumTicks: 10 });
    b.importState('stride-state', s);
    expect(b.exportState('stride-state')).toEqual(s);
    expect(b.order).toEqual(a.order);
  });

  test('a round trip through RoundRobinPolicy keeps the ready threads', () => {
    const s = new StridePolicy({ cpus: 2, quantumTicks: 10 });
    for (const id of [1, 2, 3, 4]) s.enqueue(view(id), id % 2, 'spawned');
    const rr = new RoundRobinPolicy({ cpus: 2, quantumTicks: 10 });
    rr.importState('run-queue', s.exportState('run-queue'));
    expect(rr.snapshot()).toEqual([
      [2, 4],
      [1, 3],
    ]);
    const back = new StridePolicy({ cpus: 2, quantumTicks: 10 });
    back.importState('run-queue', rr.exportState('run-queue'));
    expect(back.snapshot()).toEqual(rr.snapshot());
  });

  test('formats: its own first, run-queue shared with every policy', () => {
    const p = new StridePolicy({ cpus: 1, quantumTicks: 10 });
    expect(p.importFormats()).toEqual(['stride-state', 'run-queue']);
    expect(p.exportFormats()).toEqual(['stride-state', 'run-queue']);
    expect(() => p.importState('nope', {})).toThrow(
      /unknown format 'nope'; it imports stride-state, run-queue/,
    );
  });

  test('bad input and broken invariants are named', () => {
    const p = new StridePolicy({ cpus: 1, quantumTicks: 10 });
    expect(() => p.enqueue(view(1, 0), 0, 'spawned')).toThrow(
      /thread 1 't1' has weight 0; spawn it with a positive weight/,
    );
    p.enqueue(view(2), 0, 'spawned');
    expect(() => p.enqueue(view(2), 0, 'yielded')).toThrow(
      /StridePolicy.enqueue: thread 2 't2' is already queued/,
    );
    p.forget(2);
    expect(p.readyCount()).toBe(0);
    expect(p.pickNext(0)).toBeUndefined();
  });
});

/** Swap the kernel's scheduler to StridePolicy, then spawn `weights` CPU-bound threads. */
function strideRun(cpus: number, weights: number[], workTicks: number, windowTicks: number) {
  const sim = createSimulation({ seed: 1, cpus, quantumTicks: 10 });
  const dispatches = new Map<string, number>();
  const names = new Map<number, string>();
  sim.select('thread.spawned').subscribe((e) => names.set(e.thread, e.name));
  let start = -1;
  sim.select('thread.dispatched').subscribe((e) => {
    if (start < 0 || e.tick >= start + windowTicks) return;
    const n = names.get(e.thread)!;
    dispatches.set(n, (dispatches.get(n) ?? 0) + 1);
  });
  const swap = sim.hotswap(sim.scheduler, StridePolicy, {
    after: () => {
      start = sim.now;
      weights.forEach((w, i) =>
        sim.spawn(
          `w${w}-${i}`,
          function* () {
            for (let done = 0; done < workTicks; done += 10) yield* compute(10);
          },
          { weight: w },
        ),
      );
    },
  });
  const r = sim.run();
  expect(r.outcome, r.reason).toBe('passed');
  expect(swap.outcome, swap.reason).toBe('completed');
  expect(sim.objects.info(sim.scheduler).class).toBe('StridePolicy');
  return dispatches;
}

describe('StridePolicy as the kernel scheduler', () => {
  test('weights 1, 2, 3 on one CPU get CPU in proportion 1:2:3', () => {
    const d = strideRun(1, [1, 2, 3], 3000, 1800);
    // 1800 ticks = 180 quanta, shared 30 / 60 / 90 while all three compete
    expect(Math.abs(d.get('w1-0')! - 30)).toBeLessThanOrEqual(1);
    expect(Math.abs(d.get('w2-1')! - 60)).toBeLessThanOrEqual(1);
    expect(Math.abs(d.get('w3-2')! - 90)).toBeLessThanOrEqual(1);
  });

  test('on two CPUs the shares still follow the weights', () => {
    const d = strideRun(2, [1, 1, 2, 2, 3, 3], 3000, 1200);
    // 2 CPUs x 120 quanta = 240, shared in proportion 1:1:2:2:3:3 (20 / 40 / 60)
    const byWeight = [1, 2, 3].map((w) =>
      [...d].filter(([n]) => n.startsWith(`w${w}-`)).reduce((s, [, c]) => s + c, 0),
    );
    expect(Math.abs(byWeight[0] - 40)).toBeLessThanOrEqual(3);
    expect(Math.abs(byWeight[1] - 80)).toBeLessThanOrEqual(3);
    expect(Math.abs(byWeight[2] - 120)).toBeLessThanOrEqual(3);
  });
});

/** A seeded workload of short, weighted threads that compute and sleep. */
function loaded(seed: number, cpus: number): Simulation {
  const sim = createSimulation({ seed, cpus, quantumTicks: 5 });
  const rng = sim.random('test');
  sim.workload({
    name: 'w',
    threads: 60,
    meanGapTicks: 3,
    lifetime: { kind: 'uniform', min: 5, max: 40 },
    weight: { min: 1, max: 4 },
    body: function* (c) {
      // not counted by quiescence outside table calls, so a swap need not wait for the backlog
      yield* deactivateSelf();
      for (let left = c.lifetimeTicks; left > 0; left -= 5) {
        if (rng.chance(0.3)) yield* sleep(rng.int(1, 4));
        else yield* compute(5);
      }
    },
  });
  return sim;
}

describe('hot-swapping the kernel scheduler under load', () => {
  /** Runs the chain for one seed: its swaps, formats, threads moved and preservation. */
  function swapChain(seed: number) {
    const sim = loaded(seed, 1 + (seed % 4));
    const formats: (string | null)[] = [];
    const moved: number[] = [];
    const preserved: boolean[] = [];
    sim.select('swap.transferred').subscribe((e) => {
      formats.push(e.format);
      // the new policy, exported again in the same format, holds the same ready threads in the same order
      preserved.push(JSON.stringify(e.imported) === JSON.stringify(e.exported));
      if (e.format === 'run-queue')
        moved.push((e.exported[0] as { queues: number[][] }).queues.flat().length);
    });
    const swaps: ReturnType<typeof sim.hotswap>[] = [];
    const rng = sim.random('swap-at');
    const chain = (classes: (typeof StridePolicy | typeof RoundRobinPolicy)[]): void => {
      const [cls, ...rest] = classes;
      if (cls === undefined) return;
      const after = () => void sim.at(sim.now + rng.int(1, 20), () => chain(rest));
      swaps.push(sim.hotswap(sim.scheduler, cls, { after }));
    };
    sim.at(rng.int(5, 30), () => chain([StridePolicy, StridePolicy, RoundRobinPolicy]));
    const r = sim.run();
    return { r, sim, swaps, formats, moved, preserved };
  }

  test.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'round robin -> stride -> stride -> round robin, seed %i',
    (seed) => {
      const { r, sim, swaps, formats, moved, preserved } = swapChain(seed);
      expect(r.outcome, r.reason).toBe('passed');
      expect(r.threads.exited).toBe(60);
      expect(swaps.map((s) => s.outcome)).toEqual(['completed', 'completed', 'completed']);
      expect(formats).toEqual(['run-queue', 'stride-state', 'run-queue']);
      expect(sim.objects.info(sim.scheduler).class).toBe('RoundRobinPolicy');
      expect(moved.length).toBe(2);
      expect(preserved).toEqual([true, true, true]);
    },
  );

  // Swaps wait on per-CPU markers and end soon, so on a lightly loaded
  // machine the last swap may meet an empty run queue (seed 3, 4 CPUs); most
  // seeds must not.
  test('the stride -> round robin transfer moves ready threads on most seeds', () => {
    const moved = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => swapChain(seed).moved[1]);
    expect(moved.filter((n) => n > 0).length).toBeGreaterThanOrEqual(7);
  });
});
