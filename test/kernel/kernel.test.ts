import { describe, expect, test } from 'vitest';
import {
  compute,
  createSimulation,
  sleep,
  spawn,
  yieldCpu,
  type SimulationEvent,
  type Stamped,
} from 'kernel-sim';

function contended(seed: number) {
  const sim = createSimulation({ seed, cpus: 2, quantumTicks: 4 });
  const log: string[] = [];
  sim.events$.subscribe((e) => {
    if (e.type === 'thread.dispatched') log.push(`${e.tick}:${e.cpu}:${e.thread}`);
  });
  sim.workload({
    threads: 30,
    meanGapTicks: 3,
    lifetime: { kind: 'uniform', min: 5, max: 40 },
    sleepFraction: 0.3,
  });
  const r = sim.run();
  return { r, log: log.join(' ') };
}

describe('Kernel: determinism', () => {
  test('for 100 seeds, two runs of a contended workload give the same event log', () => {
    const hashes = new Set<string>();
    for (let seed = 1; seed <= 100; seed++) {
      const a = contended(seed);
      const b = contended(seed);
      expect(a.r.outcome).toBe('passed');
      expect(b.r.eventsHash).toBe(a.r.eventsHash);
      expect(b.log).toBe(a.log);
      hashes.add(a.r.eventsHash);
    }
    expect(hashes.size).toBe(100);
  });

  test('different seeds give different interleavings', () => {
    expect(contended(1).log).not.toBe(contended(2).log);
  });
});

describe('Kernel: preemption', () => {
  test('a CPU-bound thread cannot starve others: each ready thread runs within (n-1) quanta', () => {
    const q = 5;
    const n = 4;
    const sim = createSimulation({ seed: 1, cpus: 1, quantumTicks: q });
    const firstRun = new Map<number, number>();
    sim.events$.subscribe((e) => {
      if (e.type === 'thread.dispatched' && !firstRun.has(e.thread)) firstRun.set(e.thread, e.tick);
    });
    sim.spawn('hog', function* () {
      yield* compute(10_000);
    });
    for (let i = 1; i < n; i++)
      sim.spawn(`t${i}`, function* () {
        yield* compute(3);
      });
    const r = sim.run();
    expect(r.outcome).toBe('passed');
    // Everyone is ready at tick 0; round robin on one CPU: thread k starts by (k-1) * q.
    for (const tick of firstRun.values()) expect(tick).toBeLessThanOrEqual((n - 1) * q);
    expect(firstRun.size).toBe(n);
  });

  test('with continuous CPU-bound work, waiting time between dispatches is bounded by (n-1) * q', () => {
    const q = 3;
    const n = 5;
    const sim = createSimulation({ seed: 2, cpus: 1, quantumTicks: q });
    const last = new Map<number, number>();
    let worstGap = 0;
    sim.events$.subscribe((e) => {
      if (e.type === 'thread.preempted') last.set(e.thread, e.tick);
      if (e.type === 'thread.dispatched' && last.has(e.thread))
        worstGap = Math.max(worstGap, e.tick - last.get(e.thread)!);
    });
    for (let i = 0; i < n; i++)
      sim.spawn(`cpu-${i}`, function* () {
        yield* compute(200);
      });
    expect(sim.run().outcome).toBe('passed');
    expect(worstGap).toBeGreaterThan(0);
    expect(worstGap).toBeLessThanOrEqual((n - 1) * q);
  });

  test('compute(n) takes n ticks; a step ending in a yield takes one', () => {
    const sim = createSimulation({ seed: 1, cpus: 1, quantumTicks: 100 });
    let t = -1;
    sim.spawn('a', function* () {
      yield* compute(7);
      yield* yieldCpu();
      t = sim.now;
    });
    sim.run();
    expect(t).toBe(8);
  });
});

describe('Kernel: time', () => {
  test('idle time costs nothing: threads sleeping 10^9 ticks finish at once', () => {
    const sim = createSimulation({ seed: 1, ticksMax: 1e10 });
    for (let i = 0; i < 10; i++)
      sim.spawn(`s${i}`, function* () {
        yield* sleep(1e9);
        yield* sleep(1e9);
      });
    const wall = process.hrtime.bigint();
    const r = sim.run();
    const ms = Number(process.hrtime.bigint() - wall) / 1e6;
    expect(r.outcome).toBe('passed');
    expect(r.ticks).toBeGreaterThan(2e9);
    expect(ms).toBeLessThan(2000); // a loose sanity bound, not a benchmark: per-tick work would take hours
  });

  test('sleep(n) wakes n ticks after its step ends; at() runs at its tick', () => {
    const sim = createSimulation({ seed: 1, cpus: 1 });
    const seen: number[] = [];
    sim.spawn('s', function* () {
      yield* sleep(10);
      seen.push(sim.now);
    });
    sim.at(25, () => seen.push(sim.now));
    sim.run();
    expect(seen).toEqual([11, 25]);
  });

  test('at() in the past is rejected with a clear error', () => {
    const sim = createSimulation();
    sim.at(5, () =>
      expect(() => sim.at(2, () => {})).toThrow('at: tick must be an integer >= now (5), got 2'),
    );
    sim.run();
  });
});

describe('Kernel: failures', () => {
  test('a failing thread is recorded and exits; the kernel keeps running', () => {
    const sim = createSimulation({ seed: 1 });
    const events: Stamped<SimulationEvent>[] = [];
    sim.events$.subscribe((e) => events.push(e));
    let after = false;
    sim.spawn('bad', function* () {
      yield* compute(2);
      throw new Error('boom');
    });
    sim.spawn('good', function* () {
      yield* compute(20);
      after = true;
    });
    const r = sim.run();
    expect(r.outcome).toBe('passed');
    expect(r.threads).toMatchObject({ spawned: 2, exited: 2, failed: 1 });
    expect(after).toBe(true);
    const failed = events.find((e) => e.type === 'thread.failed');
    expect(failed).toMatchObject({ thread: 1, error: 'Error: boom' });
  });

  test('ticksMax ends a non-terminating run with liveness and names the threads', () => {
    const sim = createSimulation({ seed: 1, ticksMax: 500 });
    sim.spawn('forever', function* () {
      for (;;) yield* compute(10);
    });
    sim.spawn('short', function* () {
      yield* compute(1);
    });
    const r = sim.run();
    expect(r.outcome).toBe('liveness');
    expect(r.ticks).toBe(500);
    expect(r.reason).toContain('ticksMax 500 reached');
    expect(r.reason).toContain("'forever'");
    expect(r.reason).not.toContain("'short'");
  });

  test('yielding something that is not an effect fails that thread with a clear error', () => {
    const sim = createSimulation({ seed: 1 });
    const t = sim.spawn('wrong', function* () {
      yield 42 as never;
    });
    sim.run();
    expect(String(t.error)).toContain('which is not an effect; use yield* with the effect helpers');
  });

  test('compute(0) is rejected in the thread that asked for it', () => {
    const sim = createSimulation({ seed: 1 });
    const t = sim.spawn('zero', function* () {
      yield* compute(0);
    });
    sim.run();
    expect(String(t.error)).toContain('compute: ticks must be an integer >= 1, got 0');
  });
});

describe('Kernel: threads', () => {
  test('spawn from a thread returns the child id; parents are recorded', () => {
    const sim = createSimulation({ seed: 1 });
    let child = -1;
    const parents = new Map<number, number | null>();
    sim.events$.subscribe((e) => {
      if (e.type === 'thread.spawned') parents.set(e.thread, e.parent);
    });
    sim.spawn('parent', function* () {
      child = yield* spawn('child', function* () {
        yield* compute(1);
      });
    });
    sim.run();
    expect(child).toBe(2);
    expect(parents.get(2)).toBe(1);
  });

  test('daemons do not keep the run alive', () => {
    const sim = createSimulation({ seed: 1 });
    sim.spawn(
      'daemon',
      function* () {
        for (;;) yield* sleep(100);
      },
      { daemon: true },
    );
    sim.spawn('work', function* () {
      yield* compute(50);
    });
    const r = sim.run();
    expect(r.outcome).toBe('passed');
    expect(r.ticks).toBeLessThan(200);
  });

  test('a run happens once; nothing runs before run()', () => {
    const sim = createSimulation({ seed: 1 });
    let ran = false;
    sim.spawn('x', function* () {
      ran = true;
      yield* compute(1);
    });
    expect(ran).toBe(false);
    sim.run();
    expect(ran).toBe(true);
    expect(() => sim.run()).toThrow('a simulation runs once');
  });

  test('options are checked with clear errors', () => {
    expect(() => createSimulation({ cpus: 0 })).toThrow(
      'option cpus must be an integer from 1 to 64, got 0',
    );
    expect(() => createSimulation({ cpus: 65 })).toThrow('cpus');
    expect(() => createSimulation({ detector: 'nope' as never })).toThrow(
      'option detector must be one of k42, event, oracle',
    );
  });

  test('64 CPUs all get work', () => {
    const sim = createSimulation({ seed: 3, cpus: 64 });
    const used = new Set<number>();
    sim.events$.subscribe((e) => {
      if (e.type === 'thread.dispatched') used.add(e.cpu);
    });
    for (let i = 0; i < 200; i++)
      sim.spawn(`t${i}`, function* () {
        yield* compute(20);
      });
    expect(sim.run().outcome).toBe('passed');
    expect(used.size).toBe(64);
  });
});

describe('Kernel: spawn input', () => {
  test('a bad weight or body is rejected naming the thread', () => {
    const sim = createSimulation({ seed: 1 });
    expect(() => sim.spawn('w0', function* () {}, { weight: 0 })).toThrow(
      "spawn 'w0': weight must be a finite number > 0, got 0",
    );
    expect(() => sim.spawn('nb', 5 as never)).toThrow(
      "spawn 'nb': the body must be a generator function, got number",
    );
    expect(() => sim.spawn('c9', function* () {}, { cpu: 9 })).toThrow(
      "spawn 'c9': cpu 9 does not exist (cpus 0..1)",
    );
  });
});

describe('Kernel: what an exited thread reports', () => {
  test('result, error and tickExited: unset while alive, the exit step once exited', () => {
    const sim = createSimulation({ seed: 1, cpus: 1 });
    const seenAlive: unknown[] = [];
    const ok = sim.spawn('ok', function* () {
      yield* compute(3);
      return 'done';
    });
    const bad = sim.spawn('bad', function* () {
      yield* compute(2);
      throw new Error('boom');
    });
    sim.at(2, () => seenAlive.push(ok.result, ok.error, ok.tickExited, ok.state));
    expect(sim.run().outcome).toBe('passed');
    expect(seenAlive).toEqual([undefined, undefined, -1, 'running']);
    expect([ok.state, ok.result, ok.error, ok.tickExited]).toEqual([
      'exited',
      'done',
      undefined,
      3,
    ]);
    expect([bad.state, bad.result, String(bad.error)]).toEqual([
      'exited',
      undefined,
      'Error: boom',
    ]);
    expect(bad.tickExited).toBeGreaterThan(ok.tickExited);
  });
});
