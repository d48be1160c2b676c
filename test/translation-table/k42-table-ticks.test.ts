/**
 * K42 fidelity of the translation table, tick-exact: the OTT lookup at call
 * time (DREF), miss handling (a clustered object's rep made on a CPU's first
 * call; a retarget resets the local tables) and destruction (reclaimed when
 * the token ring completes a quiescence generation). Every expected tick was
 * worked out by hand first (the comments) and then checked against the run.
 *
 * Timing rules used: a thread spawned at 0 first runs at 0; a plain call is
 * atomic (0 ticks); a generator call costs one boundary tick on entry and one
 * on exit (src/translation-table/call-paths.ts callOp); `compute(n)` takes n
 * ticks. Quantum 100, so nobody is preempted. The k42 detector polls at the
 * request tick, then every pollTicks (test/quiescence/k42-fidelity.test.ts).
 */
import { describe, expect, test } from 'vitest';
import { ClusteredObject, compute, createSimulation, type Op } from 'kernel-sim';

class Box {
  constructor(public v = 0) {}
  get(): number {
    return this.v;
  }
  *slowGet(ticks: number): Op<number> {
    yield* compute(ticks);
    return this.v;
  }
}
class OtherBox extends Box {}

class PerCpu extends ClusteredObject<PerCpu> {
  hits = 0;
  hit(): number {
    return ++this.hits;
  }
}

describe('K42 translation table fidelity (hand-checked ticks)', () => {
  test('OTT: every call looks the entry up when it is made; a call in flight finishes where it arrived', () => {
    // One CPU. reader: get() at 0 (plain: reaches Box v1 at 0); slowGet(15): entry boundary,
    // so entered and reached Box v1 at 1, computes 1..16, exits at 16 with the old value 1.
    // The table is retargeted to OtherBox(2) at 10, while slowGet is inside Box.
    // The exit boundary costs tick 16 -> 17: get() at 17 looks the entry up again and
    // reaches OtherBox v2, returning 2.
    const sim = createSimulation({ seed: 1, cpus: 1, quantumTicks: 100, hashEvents: false });
    const box = sim.objects.create(Box, 1);
    const entry = sim.objects.entry(box);
    const log: string[] = [];
    sim.events$.subscribe((e) => {
      if (e.type === 'call.entered' && e.object === box.$id)
        log.push(`${e.tick} entered #${e.call} ${e.method}`);
      if (e.type === 'call.reached' && e.object === box.$id)
        log.push(`${e.tick} reached #${e.call} ${e.impl} v${e.version}`);
      if (e.type === 'call.exited' && e.object === box.$id) log.push(`${e.tick} exited #${e.call}`);
      if (e.type === 'object.retargeted') log.push(`${e.tick} retargeted ${e.class} v${e.version}`);
    });
    const got: number[] = [];
    sim.spawn('reader', function* () {
      got.push(box.get());
      got.push(yield* box.slowGet(15));
      got.push(box.get());
    });
    sim.at(10, () => sim.table.retarget(entry, OtherBox, new OtherBox(2)));
    expect(sim.run().outcome).toBe('passed');
    expect(log).toEqual([
      '0 entered #3 get',
      '0 reached #3 Box v1',
      '0 exited #3',
      '1 entered #4 slowGet',
      '1 reached #4 Box v1',
      '10 retargeted OtherBox v2',
      '16 exited #4',
      '17 entered #5 get',
      '17 reached #5 OtherBox v2',
      '17 exited #5',
    ]);
    expect(got).toEqual([1, 1, 2]);
  });

  test("miss handling: a CPU's first call makes its rep; a retarget resets the local tables so the next call misses again", () => {
    // Two CPUs, t0 pinned to CPU 0, t1 to CPU 1 (plain calls: 0 ticks each).
    // t0: compute 0..3, hit() at 3: miss, rep for CPU 0 made at 3 (hits 1); compute 3..5,
    //     hit() at 5: local table hit, no rep made (hits 2); compute 5..12.
    // t1: compute 0..7, hit() at 7: miss, rep for CPU 1 made at 7 (hits 1).
    // retarget at 10 to no reps (version 2): local tables reset.
    // t0: hit() at 12 misses into version 2: a fresh rep for CPU 0 at 12 (hits 1 again).
    const sim = createSimulation({ seed: 1, cpus: 2, quantumTicks: 100, hashEvents: false });
    const pc = sim.objects.create(PerCpu);
    const entry = sim.objects.entry(pc);
    const log: string[] = [];
    sim.events$.subscribe((e) => {
      if (e.type === 'call.reached' && e.object === pc.$id)
        log.push(`${e.tick} reached cpu${e.cpu} v${e.version}`);
      if (e.type === 'object.rep-created' && e.object === pc.$id)
        log.push(`${e.tick} rep-created cpu${e.cpu}`);
      if (e.type === 'object.retargeted') log.push(`${e.tick} retargeted v${e.version}`);
    });
    const hits: number[] = [];
    sim.spawn(
      't0',
      function* () {
        yield* compute(3);
        hits.push(pc.hit());
        yield* compute(2);
        hits.push(pc.hit());
        yield* compute(7);
        hits.push(pc.hit());
      },
      { cpu: 0 },
    );
    sim.spawn(
      't1',
      function* () {
        yield* compute(7);
        hits.push(pc.hit());
      },
      { cpu: 1 },
    );
    sim.at(10, () => sim.table.retarget(entry, PerCpu, []));
    expect(sim.run().outcome).toBe('passed');
    expect(log).toEqual([
      '3 rep-created cpu0',
      '3 reached cpu0 v1',
      '5 reached cpu0 v1',
      '7 rep-created cpu1',
      '7 reached cpu1 v1',
      '10 retargeted v2',
      '12 rep-created cpu0',
      '12 reached cpu0 v2',
    ]);
    expect(hits).toEqual([1, 2, 1, 1]);
  });

  test('destruction: the object is reclaimed when the token ring completes a generation', () => {
    // Two CPUs, k42 detector, pollTicks 10. T computes 0..25 on CPU 0; CPU 1 is idle.
    // destroy at 1: destroy-requested at 1 and a global (token-ring) quiescence request.
    // VPLimit = 2, so the marker is global = 2 and reclaim needs global >= 4. Token at CPU 0.
    // poll 1: cpu0 folds T (gen 1); the 2nd advance fails on T. polls 11, 21 fail. T exits 25.
    // poll 31: cpu0 gen 2, 3 -> token 0->1 (global 2); cpu1 (marker 0, idle) gen 1, 2 ->
    //          token 1->0, global 3: not enough.
    // poll 41: cpu0 gen 4, 5 -> token 0->1; cpu1 gen 3, 4 -> token 1->0, global 4: reached,
    //          the object is destroyed (reclaimed) at 41, 16 ticks after the last reader left.
    const sim = createSimulation({
      seed: 1,
      cpus: 2,
      quantumTicks: 100,
      detector: 'k42',
      pollTicks: 10,
      hashEvents: false,
    });
    const box = sim.objects.create(Box);
    const log: string[] = [];
    sim.events$.subscribe((e) => {
      if (e.type === 'generation.advanced') log.push(`${e.tick} cpu${e.cpu} gen=${e.generation}`);
      if (e.type === 'generation.advance-failed')
        log.push(`${e.tick} cpu${e.cpu} failed older=${e.older}`);
      if (e.type === 'quiescence.token-passed')
        log.push(`${e.tick} token ${e.from}->${e.to} global=${e.global}`);
      if (e.type === 'quiescence.requested' || e.type === 'quiescence.reached')
        log.push(`${e.tick} ${e.type}`);
      if (e.type === 'thread.exited') log.push(`${e.tick} exit t${e.thread}`);
      if (e.type.startsWith('object.destroy')) log.push(`${e.tick} ${e.type}`);
    });
    sim.spawn(
      'T',
      function* () {
        yield* compute(25);
      },
      { cpu: 0 },
    );
    sim.at(1, () => sim.objects.destroy(box));
    expect(sim.run().outcome).toBe('passed');
    expect(log).toEqual([
      '1 object.destroy-requested',
      '1 quiescence.requested',
      '1 cpu0 gen=1',
      '1 cpu0 failed older=1',
      '11 cpu0 failed older=1',
      '21 cpu0 failed older=1',
      '25 exit t1',
      '31 cpu0 gen=2',
      '31 cpu0 gen=3',
      '31 token 0->1 global=2',
      '31 cpu1 gen=1',
      '31 cpu1 gen=2',
      '31 token 1->0 global=3',
      '41 cpu0 gen=4',
      '41 cpu0 gen=5',
      '41 token 0->1 global=3',
      '41 cpu1 gen=3',
      '41 cpu1 gen=4',
      '41 token 1->0 global=4',
      '41 quiescence.reached',
      '41 object.destroyed',
    ]);
    expect(sim.objects.info(box).state).toBe('destroyed');
  });

  test('destruction: a call that entered before the destroy finishes on the object; a later call fails at once; reclaim waits for the first', () => {
    // Two CPUs, k42 detector, pollTicks 10. R (CPU 0): slowGet(20) enters at 1, computes
    // 1..21, exits at 21, thread exits at 22. L (CPU 1): compute 0..10, then get().
    // destroy at 5: calls with an id from then on are refused; R's call (entered at 1) is
    // admitted to the end and returns 7 at 21. L's get() at 10 fails at once, naming tick 5.
    // Reclaim (token ring, VPLimit 2: needs global 4): poll 5: cpu0 folds R (gen 1), the
    // 2nd advance fails; poll 15 fails. poll 25: cpu0 gen 2, 3 -> token 0->1 (global 2);
    // cpu1 (L gone at 10) gen 1, 2 -> token 1->0 (global 3). poll 35: cpu0 gen 4, 5, cpu1
    // gen 3, 4 -> global 4: reached, the object is destroyed at 35.
    const sim = createSimulation({
      seed: 1,
      cpus: 2,
      quantumTicks: 100,
      detector: 'k42',
      pollTicks: 10,
      hashEvents: false,
    });
    const box = sim.objects.createNamed('b', Box, 7);
    const log: string[] = [];
    sim.events$.subscribe((e) => {
      if (e.type === 'call.entered' && e.object === box.$id)
        log.push(`${e.tick} entered #${e.call} ${e.method}`);
      if (e.type === 'call.exited' && e.object === box.$id) log.push(`${e.tick} exited #${e.call}`);
      if (e.type === 'quiescence.token-passed')
        log.push(`${e.tick} token ${e.from}->${e.to} global=${e.global}`);
      if (e.type === 'quiescence.reached') log.push(`${e.tick} ${e.type}`);
      if (e.type.startsWith('object.destroy')) log.push(`${e.tick} ${e.type}`);
    });
    sim.spawn(
      'R',
      function* () {
        const v = yield* box.slowGet(20);
        log.push(`${sim.kernel.now} R got ${v}`);
      },
      { cpu: 0 },
    );
    sim.spawn(
      'L',
      function* () {
        yield* compute(10);
        try {
          box.get();
        } catch (err) {
          log.push(`${sim.kernel.now} L: ${(err as Error).message}`);
        }
      },
      { cpu: 1 },
    );
    sim.at(5, () => sim.objects.destroy(box, 'test'));
    expect(sim.run().outcome).toBe('passed');
    expect(log).toEqual([
      '1 entered #5 slowGet',
      '5 object.destroy-requested',
      "10 L: object 'b' (Box, id 2) was destroyed at tick 5 (test); the call to get() cannot be served: the ref is stale",
      '21 exited #5',
      '22 R got 7',
      '25 token 0->1 global=2',
      '25 token 1->0 global=3',
      '35 token 0->1 global=3',
      '35 token 1->0 global=4',
      '35 quiescence.reached',
      '35 object.destroyed',
    ]);
  });
});
