/**
 * K42 fidelity: small scenarios whose every tick was worked out by hand from
 * the rules of K42's ActiveThrdCnt.C as docs/QUIESCENCE.md states them (and
 * checked against the trace). Threads are pinned
 * by a CPU hint on otherwise idle CPUs; quantum 100, so nobody is preempted.
 * A thread `compute(n)` spawned at 0 is counted at tick 0 and exits at n; one
 * that does `sleep(n)` exits at 1 + n after its start. Polls run at the
 * request tick, then every pollTicks while a request is pending.
 */
import { describe, expect, test } from 'vitest';
import {
  compute,
  createSimulation,
  sleep,
  type QuiescenceRequest,
  type Simulation,
} from 'kernel-sim';

function k42(cpus: number): { sim: Simulation; log: string[] } {
  const sim = createSimulation({
    cpus,
    detector: 'k42',
    pollTicks: 10,
    quantumTicks: 100,
    hashEvents: false,
  });
  const log: string[] = [];
  sim.events$.subscribe((e) => {
    if (e.type === 'generation.advanced') log.push(`${e.tick} cpu${e.cpu} gen=${e.generation}`);
    if (e.type === 'generation.advance-failed')
      log.push(`${e.tick} cpu${e.cpu} failed older=${e.older}`);
    if (e.type === 'quiescence.token-passed')
      log.push(`${e.tick} token ${e.from}->${e.to} global=${e.global}`);
    if (e.type === 'quiescence.reached') log.push(`${e.tick} reached #${e.request}`);
    if (e.type === 'thread.exited') log.push(`${e.tick} exit t${e.thread}`);
  });
  return { sim, log };
}

describe('K42 detector fidelity (hand-checked ticks)', () => {
  test('two advances per marker; an advance fails while the older counter is non-zero', () => {
    // CPU 0: T computes 25 ticks. Request for CPU 0 at tick 1, marker genCount = 0.
    // poll 1: advance folds T into active[0] (gen 1); the 2nd advance fails: older = active[0] = 1.
    // polls 11, 21: fail again (T alive). T exits at 25. poll 31: gen 2, gen 3 -> 3 - 0 >= 2: reached.
    // One advance (gen 1 at tick 1, T still running) is not enough.
    const { sim, log } = k42(2);
    sim.spawn(
      'T',
      function* () {
        yield* compute(25);
      },
      { cpu: 0 },
    );
    let r!: QuiescenceRequest;
    sim.at(1, () => void (r = sim.quiescence.request(() => {}, { cpus: [0] })));
    expect(sim.run().outcome).toBe('passed');
    expect(log).toEqual([
      '1 cpu0 gen=1',
      '1 cpu0 failed older=1',
      '11 cpu0 failed older=1',
      '21 cpu0 failed older=1',
      '25 exit t1',
      '31 cpu0 gen=2',
      '31 cpu0 gen=3',
      '31 reached #1',
    ]);
    expect([r.tickReached, r.oracleTick, r.latencyTicks, r.lagTicks]).toEqual([31, 25, 30, 6]);
  });

  test('a failed advance lets later threads join the generation the marker waits for (K42 waits past the oracle)', () => {
    // CPU 0: A sleeps 30 (counted 0, exits 31); B starts at 7, sleeps 60 (exits 68).
    // R1 at 2 (marker 0): poll 2 folds A (gen 1), 2nd advance fails on A.
    // R2 at 5 (marker 1): needs gen 3. B is counted at 7 into the current generation,
    // which cannot be folded while A (older) lives: polls 12, 22 fail.
    // poll 32: gen 2 (folds B) -> R1 reached (lag 1); gen 3 fails on B. polls 42..62 fail.
    // poll 72: gen 3, 4 -> R2 reached, lag 72 - 31 = 41: it waited for B, which started after it.
    const { sim, log } = k42(2);
    sim.spawn(
      'A',
      function* () {
        yield* sleep(30);
      },
      { cpu: 0 },
    );
    sim.at(
      7,
      () =>
        void sim.spawn(
          'B',
          function* () {
            yield* sleep(60);
          },
          { cpu: 0 },
        ),
    );
    const rs: QuiescenceRequest[] = [];
    sim.at(2, () => void rs.push(sim.quiescence.request(() => {}, { cpus: [0] })));
    sim.at(5, () => void rs.push(sim.quiescence.request(() => {}, { cpus: [0] })));
    expect(sim.run().outcome).toBe('passed');
    expect(log).toEqual([
      '2 cpu0 gen=1',
      '2 cpu0 failed older=1',
      '12 cpu0 failed older=1',
      '22 cpu0 failed older=1',
      '31 exit t1',
      '32 cpu0 gen=2',
      '32 cpu0 failed older=1',
      '32 reached #1',
      '42 cpu0 failed older=1',
      '52 cpu0 failed older=1',
      '62 cpu0 failed older=1',
      '68 exit t2',
      '72 cpu0 gen=3',
      '72 cpu0 gen=4',
      '72 reached #2',
    ]);
    expect(rs.map((r) => [r.tickReached, r.oracleTick, r.lagTicks])).toEqual([
      [32, 31, 1],
      [72, 31, 41],
    ]);
  });

  test('the token ring: each CPU passes the token once its marker elapses; a global marker needs +2', () => {
    // 3 CPUs, T0/T1/T2 compute 5/15/35 on CPUs 0/1/2. Global request at 1: marker = global = 3
    // (VPLimit), reached at global >= 5. Token at CPU 0; its marker is taken on arrival.
    // poll 1: cpu0 gen 1 (T0 folded), 2nd advance fails; token marker = 1.
    // poll 11: cpu0 gen 2, 3 -> elapsed, token 0->1 (cpu1 marker 0); cpu1 gen 1, fails on T1.
    // poll 21: cpu1 gen 2, 3 -> token 1->2 (marker 0); cpu2 gen 1, fails on T2. poll 31 fails.
    // poll 41: cpu2 gen 2, 3 -> token 2->0: global 4 (one increment: not enough).
    // poll 51: everyone idle: one whole round in one poll, global 5 -> reached.
    const { sim, log } = k42(3);
    [5, 15, 35].forEach((n, cpu) =>
      sim.spawn(
        `T${cpu}`,
        function* () {
          yield* compute(n);
        },
        { cpu },
      ),
    );
    let r!: QuiescenceRequest;
    sim.at(1, () => void (r = sim.quiescence.request(() => {})));
    expect(sim.run().outcome).toBe('passed');
    expect(log).toEqual([
      '1 cpu0 gen=1',
      '1 cpu0 failed older=1',
      '5 exit t1',
      '11 cpu0 gen=2',
      '11 cpu0 gen=3',
      '11 token 0->1 global=3',
      '11 cpu1 gen=1',
      '11 cpu1 failed older=1',
      '15 exit t2',
      '21 cpu1 gen=2',
      '21 cpu1 gen=3',
      '21 token 1->2 global=3',
      '21 cpu2 gen=1',
      '21 cpu2 failed older=1',
      '31 cpu2 failed older=1',
      '35 exit t3',
      '41 cpu2 gen=2',
      '41 cpu2 gen=3',
      '41 token 2->0 global=4',
      '51 cpu0 gen=4',
      '51 cpu0 gen=5',
      '51 token 0->1 global=4',
      '51 cpu1 gen=4',
      '51 cpu1 gen=5',
      '51 token 1->2 global=4',
      '51 cpu2 gen=4',
      '51 cpu2 gen=5',
      '51 token 2->0 global=5',
      '51 reached #1',
    ]);
    expect([r.tickReached, r.oracleTick, r.latencyTicks, r.lagTicks]).toEqual([51, 35, 50, 16]);
  });

  test("a machine-wide request with per-CPU markers (the swap's wait) is reached when every CPU's marker elapses, before the token could come round", () => {
    // The token-ring test's threads (T0/T1/T2 compute 5/15/35 on CPUs 0/1/2), request at 1
    // with markers 'per-cpu': a marker 0 on every CPU, no token. Each CPU is polled until
    // its own marker elapses, then left alone (K42's swap worker stops polling).
    // poll 1: every CPU folds its thread (gen 1); the 2nd advance fails on it.
    // poll 11: cpu0 gen 2, 3 (T0 exited at 5): elapsed; cpu1, cpu2 fail.
    // poll 21: cpu1 gen 2, 3 (T1 exited at 15); cpu2 fails. poll 31: cpu2 fails.
    // poll 41: cpu2 gen 2, 3 (T2 exited at 35) -> reached at 41, 10 ticks before the ring's 51.
    const { sim, log } = k42(3);
    [5, 15, 35].forEach((n, cpu) =>
      sim.spawn(
        `T${cpu}`,
        function* () {
          yield* compute(n);
        },
        { cpu },
      ),
    );
    let r!: QuiescenceRequest;
    sim.at(1, () => void (r = sim.quiescence.request(() => {}, { markers: 'per-cpu' })));
    expect(sim.run().outcome).toBe('passed');
    expect(log).toEqual([
      '1 cpu0 gen=1',
      '1 cpu0 failed older=1',
      '1 cpu1 gen=1',
      '1 cpu1 failed older=1',
      '1 cpu2 gen=1',
      '1 cpu2 failed older=1',
      '5 exit t1',
      '11 cpu0 gen=2',
      '11 cpu0 gen=3',
      '11 cpu1 failed older=1',
      '11 cpu2 failed older=1',
      '15 exit t2',
      '21 cpu1 gen=2',
      '21 cpu1 gen=3',
      '21 cpu2 failed older=1',
      '31 cpu2 failed older=1',
      '35 exit t3',
      '41 cpu2 gen=2',
      '41 cpu2 gen=3',
      '41 reached #1',
    ]);
    expect([r.tickReached, r.oracleTick, r.latencyTicks, r.lagTicks]).toEqual([41, 35, 40, 6]);
  });

  test('an unknown marker mode is refused, naming both modes', () => {
    const { sim } = k42(2);
    expect(() =>
      sim.quiescence.request(() => {}, { markers: 'ring' as unknown as 'per-cpu' }),
    ).toThrow("quiescence request: markers must be one of per-cpu, token-ring, got 'ring'");
  });

  test('with nothing alive, a per-CPU request is reached at its first poll, a global one after two rounds', () => {
    const { sim } = k42(2);
    let local!: QuiescenceRequest;
    sim.at(3, () => void (local = sim.quiescence.request(() => {}, { cpus: [1] })));
    sim.run();
    // Poll 3: cpu1 advances twice (both counters zero): 2 - 0 >= 2.
    expect(local.tickReached).toBe(3);
    for (const cpus of [1, 4]) {
      const { sim, log } = k42(cpus);
      let r!: QuiescenceRequest;
      sim.at(0, () => void (r = sim.quiescence.request(() => {})));
      sim.run();
      // Marker: global = cpus; reached at cpus + 2. Poll 0: cpu0 advances to gen 2, then the
      // token, first at cpu0, takes its marker there (2). Poll 10: cpu0 gen 4, marker elapsed;
      // the token runs round every idle CPU in this same poll: global + 1. Poll 20: a second
      // whole round: global + 2 -> reached.
      expect(r.tickReached).toBe(20);
      expect(
        log.filter((l) => l.includes('token') && l.endsWith(`->0 global=${cpus + 1}`)),
      ).toEqual([`10 token ${cpus - 1}->0 global=${cpus + 1}`]);
    }
  });

  test("the poll interval is the detector's resolution: reached at the first poll after the exit", () => {
    for (const pollTicks of [1, 3, 7, 20]) {
      const sim = createSimulation({
        cpus: 2,
        detector: 'k42',
        pollTicks,
        quantumTicks: 100,
        hashEvents: false,
      });
      sim.spawn(
        'T',
        function* () {
          yield* compute(25);
        },
        { cpu: 0 },
      );
      let r!: QuiescenceRequest;
      sim.at(1, () => void (r = sim.quiescence.request(() => {}, { cpus: [0] })));
      sim.run();
      // Polls at 1, 1 + p, 1 + 2p, ...: the first one at or after the exit (25) reaches it.
      expect(r.tickReached).toBe(1 + Math.ceil(24 / pollTicks) * pollTicks);
    }
  });
});
