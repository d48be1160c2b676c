import { describe, expect, test } from 'vitest';
import {
  compute,
  createSimulation,
  deactivateSelf,
  quiescentPoint,
  sleep,
  type Op,
  type Simulation,
  type SimulationEvent,
} from 'kernel-sim';
import { Ledger } from './ledger.ts';

/** A bank of slots; state format 'slots' is the array itself. */
class Slots {
  slots: number[] = [0, 0, 0, 0];
  add(i: number, n: number): void {
    this.slots[i] += n;
  }
  *slowAdd(i: number, n: number, ticks: number): Op<number> {
    yield* compute(ticks);
    return (this.slots[i] += n);
  }
  total(): number {
    return this.slots.reduce((a, b) => a + b, 0);
  }
  exportFormats(): readonly string[] {
    return ['slots'];
  }
  exportState(): unknown {
    return [...this.slots];
  }
  importFormats(): readonly string[] {
    return ['slots'];
  }
  importState(_f: string, state: unknown): void {
    this.slots = [...(state as number[])];
  }
}
class Slots2 extends Slots {
  override total(): number {
    let t = 0;
    for (const s of this.slots) t += s;
    return t;
  }
}

function loadedSwap(
  seed: number,
  options: { cpus?: number; swapAt?: number; detector?: 'k42' | 'event' | 'oracle' } = {},
) {
  const sim = createSimulation({
    seed,
    cpus: options.cpus ?? 2,
    quantumTicks: 5,
    detector: options.detector ?? 'k42',
  });
  const obj = sim.objects.createNamed('slots', Slots);
  const ledger = new Ledger(sim, new Set([obj.$id]));
  const prng = sim.random('test');
  let issued = 0;
  // Long-lived writers declare a quiescent point between calls (RCU QSBR), so
  // they do not stall the forward phase; short-lived callers arrive all along.
  for (let w = 0; w < 4; w++) {
    sim.spawn(`writer-${w}`, function* () {
      for (let k = 0; k < 12; k++) {
        issued++;
        yield* obj.slowAdd(w, 1, prng.int(1, 6));
        obj.add(w, 1);
        yield* quiescentPoint();
        yield* sleep(prng.int(0, 4));
      }
    });
  }
  sim.workload({
    name: 'caller',
    threads: 40,
    meanGapTicks: 3,
    lifetime: { kind: 'uniform', min: 1, max: 6 },
    body: function* (ctx) {
      yield* obj.slowAdd(ctx.index % 4, 1, ctx.lifetimeTicks);
      obj.add(ctx.index % 4, 1);
    },
  });
  let swap: ReturnType<Simulation['hotswap']> | undefined;
  sim.at(options.swapAt ?? 25, () => (swap = sim.hotswap(obj, Slots2)));
  const result = sim.run();
  return { sim, obj, ledger, result, swap: swap!, issued };
}

describe('hotswap: the protocol under load', () => {
  test('over 200 seeds: every call executed exactly once, versions monotonic, held calls released in order, state preserved', () => {
    let sawHeld = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const { result, swap, ledger, obj } = loadedSwap(seed, {
        cpus: 1 + (seed % 3),
        swapAt: 5 + (seed % 40),
      });
      expect(result.outcome, `seed ${seed}: ${result.reason}`).toBe('passed');
      expect(swap.outcome, `seed ${seed}: ${swap.reason}`).toBe('completed');
      expect(ledger.problems(), `seed ${seed}`).toEqual([]);
      expect(obj.total(), `seed ${seed}`).toBe(4 * 12 * 2 + 40 * 2);
      sawHeld += swap.held;
    }
    expect(sawHeld).toBeGreaterThan(0);
  });

  test('all three detectors drive the swap to completion', () => {
    for (const detector of ['k42', 'event', 'oracle'] as const) {
      for (let seed = 1; seed <= 20; seed++) {
        const { result, swap, ledger } = loadedSwap(seed, { detector });
        expect(result.outcome).toBe('passed');
        expect(swap.outcome).toBe('completed');
        expect(ledger.problems()).toEqual([]);
      }
    }
  });

  test('phases run in order with their ticks recorded, and events tell the same story', () => {
    const sim = createSimulation({ seed: 4 });
    const obj = sim.objects.create(Slots);
    const phases: string[] = [];
    sim.events$.subscribe((e) => {
      if (e.type === 'swap.phase-changed') phases.push(e.phase);
    });
    for (let i = 0; i < 6; i++)
      sim.spawn(`t${i}`, function* () {
        for (let k = 0; k < 5; k++) yield* obj.slowAdd(0, 1, 3);
      });
    const swap = sim.hotswap(obj, Slots2);
    expect(swap.phase).toBe('forward');
    sim.run();
    expect(phases).toEqual(['forward', 'block', 'transfer', 'complete', 'done']);
    expect(Object.keys(swap.phaseTicks)).toEqual([
      'negotiate',
      'forward',
      'block',
      'transfer',
      'complete',
    ]);
    expect(swap.phaseTicks.transfer).toBe(1);
    expect(sim.objects.info(obj)).toMatchObject({ class: 'Slots2', version: 2, mediators: [] });
  });

  test('plain calls are never held: they reach the old object until the transfer and the new one after', () => {
    const sim = createSimulation({ seed: 2, cpus: 2, detector: 'event' });
    const obj = sim.objects.create(Slots);
    const ledger = new Ledger(sim, new Set([obj.$id]));
    sim.spawn('older', function* () {
      yield* compute(10);
    }); // keeps the swap in forward a while
    let blockedPlain = -1;
    const swap = sim.hotswap(obj, Slots2);
    sim.at(1, () =>
      sim.spawn('long', function* () {
        yield* obj.slowAdd(0, 1, 40);
      }),
    ); // tracked, drains in block
    sim.spawn('plain', function* () {
      yield* deactivateSelf(); // a watcher outside every call must not stall the forward phase
      while (swap.phase !== 'block' && swap.outcome === 'pending') yield* sleep(1);
      obj.add(1, 5);
      blockedPlain = obj.total();
    });
    sim.run();
    expect(swap.outcome).toBe('completed');
    expect(blockedPlain).toBe(5);
    expect(obj.total()).toBe(6);
    expect(ledger.problems()).toEqual([]);
  });
});

describe('hotswap: recursion and deadlock', () => {
  /** An object whose generator method calls itself through its own ref. */
  class Tree {
    self: any;
    visits = 0;
    *walk(depth: number): Op<number> {
      this.visits++;
      yield* compute(2);
      if (depth > 0) yield* this.self.walk(depth - 1);
      return this.visits;
    }
  }
  class Tree2 extends Tree {}

  test('a recursive call during block is forwarded, not held: no deadlock', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const sim = createSimulation({ seed, cpus: 2 });
      const tree = sim.objects.create(Tree);
      sim.objects.peek(tree).self = tree;
      const ledger = new Ledger(sim, new Set([tree.$id]));
      for (let i = 0; i < 4; i++)
        sim.spawn(`w${i}`, function* () {
          yield* tree.walk(6);
        });
      const swap = sim.hotswap(tree, Tree2, { timeoutTicks: 5000 });
      const r = sim.run();
      expect(r.outcome).toBe('passed');
      expect(swap.outcome, swap.reason).toBe('completed');
      expect(ledger.problems()).toEqual([]);
    }
  });

  class X {
    other: any;
    *outer(ticks: number): Op<void> {
      yield* compute(ticks);
      yield* this.other.inner();
    }
    *inner(): Op<void> {
      yield* compute(1);
    }
  }
  class X2 extends X {}

  // The exact (event-driven) detector ends forward when the older thread
  // exits; K42's conservative detector would also wait for A and B, which
  // start just after the request, and the cycle would never form.
  function crossCycle(together: boolean) {
    const sim = createSimulation({ seed: 5, cpus: 2, detector: 'event' });
    const x = sim.objects.createNamed('X', X);
    const y = sim.objects.createNamed('Y', X);
    sim.objects.peek(x).other = y;
    sim.objects.peek(y).other = x;
    const ledger = new Ledger(sim, new Set([x.$id, y.$id]));
    // An older thread keeps both swaps in forward for a while. A and B start
    // after the request, so they enter X and Y tracked, and are still inside
    // when block begins: A then calls Y (held) and B calls X (held): a cycle.
    sim.spawn('older', function* () {
      yield* compute(20);
    });
    const swaps: ReturnType<Simulation['hotswap']>[] = [];
    sim.at(5, () => {
      if (together)
        swaps.push(
          sim.swapTogether([
            [x, X2],
            [y, X2],
          ]),
        );
      else swaps.push(sim.hotswap(x, X2), sim.hotswap(y, X2));
    });
    sim.at(6, () => {
      sim.spawn('A', function* () {
        yield* x.outer(60);
      });
      sim.spawn('B', function* () {
        yield* y.outer(62);
      });
    });
    const r = sim.run();
    return { r, swaps, ledger, sim };
  }

  test('two swaps whose held calls form a cycle: the cycle is detected, one swap rolls back naming it, nothing hangs or is lost', () => {
    const { r, swaps, ledger } = crossCycle(false);
    expect(r.outcome).toBe('passed');
    const aborted = swaps.filter((s) => s.outcome === 'aborted');
    expect(aborted).toHaveLength(1);
    expect(aborted[0].reason).toMatch(
      /^deadlock: thread \d+ would be held by swap \d+ -> swap \d+ waits for thread \d+ -> thread \d+ is held by swap \d+ -> swap \d+ waits for thread \d+/,
    );
    expect(swaps.filter((s) => s.outcome === 'completed')).toHaveLength(1);
    expect(ledger.problems()).toEqual([]);
  });

  test('the same objects swapped as one unit complete together: a thread inside the unit is never held on it', () => {
    const { r, swaps, ledger, sim } = crossCycle(true);
    expect(r.outcome).toBe('passed');
    expect(swaps[0].outcome, swaps[0].reason).toBe('completed');
    expect(swaps[0].held).toBe(0);
    expect(ledger.problems()).toEqual([]);
    expect(
      sim.table.entries.filter((e) => e.name === 'X' || e.name === 'Y').map((e) => e.version),
    ).toEqual([2, 2]);
  });
});

describe('hotswap: every abort path restores service, nothing lost', () => {
  class Throwing extends Slots {
    override importState(): void {
      this.slots = [99, 99, 99, 99]; // half way...
      throw new Error('import exploded');
    }
  }

  function setup(seed = 3, detector: 'k42' | 'event' = 'k42') {
    const sim = createSimulation({ seed, cpus: 2, detector });
    const obj = sim.objects.createNamed('slots', Slots);
    const ledger = new Ledger(sim, new Set([obj.$id]));
    const events: SimulationEvent[] = [];
    sim.events$.subscribe((e) => events.push(e));
    sim.workload({
      name: 'caller',
      threads: 40,
      meanGapTicks: 2,
      lifetime: { kind: 'fixed', ticks: 3 },
      body: function* (ctx) {
        yield* obj.slowAdd(ctx.index % 4, 1, ctx.lifetimeTicks);
      },
    });
    return { sim, obj, ledger, events };
  }

  function expectRestored(
    r: { outcome: string },
    s: { outcome: string; reason: string },
    ledger: Ledger,
    obj: { total(): number },
    sim: Simulation,
    reason: RegExp,
  ) {
    expect(r.outcome).toBe('passed');
    expect(s.outcome).toBe('aborted');
    expect(s.reason).toMatch(reason);
    expect(ledger.problems()).toEqual([]);
    expect(obj.total()).toBe(40);
    const info = sim.objects.info(obj);
    expect(info).toMatchObject({ class: 'Slots', version: 1, mediators: [], swapping: false });
  }

  test('a transfer that throws', () => {
    const { sim, obj, ledger } = setup();
    let s!: ReturnType<Simulation['hotswap']>;
    sim.at(10, () => (s = sim.hotswap(obj, Throwing)));
    expectRestored(
      sim.run(),
      s,
      ledger,
      obj,
      sim,
      /^transfer of slots in format 'slots' failed: Error: import exploded$/,
    );
  });

  test('a pre-swap callback that vetoes', () => {
    const { sim, obj, ledger } = setup();
    let s!: ReturnType<Simulation['hotswap']>;
    sim.at(10, () => (s = sim.hotswap(obj, Slots2, { before: () => 'not today' })));
    expectRestored(sim.run(), s, ledger, obj, sim, /^vetoed by before\(\): not today$/);
  });

  test('a timeout names the blockers', () => {
    const { sim, obj, ledger, events } = setup();
    sim.spawn('hog', function* () {
      yield* obj.slowAdd(0, 0, 500);
    });
    let s!: ReturnType<Simulation['hotswap']>;
    sim.at(1, () => (s = sim.hotswap(obj, Slots2, { timeoutTicks: 60 })));
    const r = sim.run();
    expectRestored(
      r,
      s,
      ledger,
      obj,
      sim,
      /^timeout: not complete 60 ticks after the request \(in forward\); blocked by thread \d+ 'hog' on cpu \d inside slots.slowAdd since tick 1/,
    );
    const aborted = events.find((e) => e.type === 'swap.aborted');
    expect(
      aborted && aborted.type === 'swap.aborted' && aborted.blockers.map((b) => b.name),
    ).toContain('hog');
  });

  test('cancel in forward', () => {
    // Per-CPU markers end forward as soon as the threads alive at the
    // request are gone: a hog alive from tick 0 keeps the swap in forward.
    const { sim, obj, ledger } = setup();
    sim.spawn('hog', function* () {
      yield* obj.slowAdd(0, 0, 200);
    });
    let s!: ReturnType<Simulation['hotswap']>;
    sim.at(1, () => (s = sim.hotswap(obj, Slots2)));
    sim.at(2, () => expect(s.cancel()).toBe(true));
    expectRestored(sim.run(), s, ledger, obj, sim, /^cancelled in forward$/);
  });

  test('cancel in block releases the held calls to the old object', () => {
    // The exact detector ends forward when the callers alive at tick 5 are
    // gone; the hog, started just after the request, is tracked and keeps
    // the swap in block while new callers are held.
    const { sim, obj, ledger } = setup(8, 'event');
    sim.spawn('older', function* () {
      yield* compute(20); // alive at the request: forward lasts until it exits
    });
    let s!: ReturnType<Simulation['hotswap']>;
    sim.at(5, () => (s = sim.hotswap(obj, Slots2)));
    sim.at(6, () =>
      sim.spawn('late-hog', function* () {
        yield* obj.slowAdd(0, 0, 200);
      }),
    );
    let cancelledIn = '';
    const poll = (): void => {
      if (s.phase === 'block' && s.held > 0) {
        cancelledIn = s.phase;
        s.cancel();
      } else if (s.outcome === 'pending') sim.at(sim.now + 1, poll);
    };
    sim.at(6, poll);
    expectRestored(sim.run(), s, ledger, obj, sim, /^cancelled in block$/);
    expect(cancelledIn).toBe('block');
    expect(s.held).toBeGreaterThan(0);
    expect(s.cancel()).toBe(false);
  });
});

describe('hotswap: refusals are values, never surprises', () => {
  class NoImport {
    get(): number {
      return 1;
    }
  }
  class Speaks {
    exportFormats() {
      return ['a', 'b'];
    }
    exportState() {
      return 1;
    }
    importFormats() {
      return ['a'];
    }
    importState() {}
    get(): number {
      return 0;
    }
  }
  class Other {
    importFormats() {
      return ['c', 'd'];
    }
    importState() {}
    get(): number {
      return 0;
    }
  }
  class Renamed {
    exportFormats() {
      return ['a'];
    }
    exportState() {
      return 1;
    }
    importFormats() {
      return ['a'];
    }
    importState() {}
    fetch(): number {
      return 2;
    }
  }

  test('no common format: refused with both lists', () => {
    const sim = createSimulation({ seed: 1 });
    const s = sim.hotswap(sim.objects.create(Speaks), Other);
    expect(s.outcome).toBe('refused');
    expect(s.reason).toBe('no common transfer format: Speaks exports [a, b], Other imports [c, d]');
  });

  test('state that would be lost: refused', () => {
    const sim = createSimulation({ seed: 1 });
    const s = sim.hotswap(sim.objects.create(Speaks), NoImport);
    expect(s.reason).toBe(
      'Speaks exports [a, b] but NoImport declares no importFormats(): its state would be lost',
    );
  });

  test('a stateless object swaps with a null transfer', () => {
    const sim = createSimulation({ seed: 1 });
    const ref = sim.objects.create(NoImport);
    const s = sim.hotswap(ref, Speaks);
    sim.run();
    expect(s.outcome).toBe('completed');
    expect(s.members[0].format).toBeNull();
  });

  test('an old method with no counterpart and no stub is refused at negotiate time', () => {
    const sim = createSimulation({ seed: 1 });
    const s = sim.hotswap(sim.objects.create(Speaks), Renamed);
    expect(s.outcome).toBe('refused');
    expect(s.reason).toBe(
      'interface mismatch Speaks -> Renamed: get() has no counterpart in Renamed and no stub',
    );
  });

  test('a second swap of the same object is refused, not queued', () => {
    const sim = createSimulation({ seed: 1 });
    const ref = sim.objects.createNamed('s', Slots);
    sim.spawn('t', function* () {
      yield* ref.slowAdd(0, 1, 30);
    });
    const first = sim.hotswap(ref, Slots2);
    const second = sim.hotswap(ref, Slots2);
    expect(second.outcome).toBe('refused');
    expect(second.reason).toMatch(
      /^object 's' \(Slots, id \d+\) is already being swapped by swap 1 \(phase forward\); one swap per object at a time$/,
    );
    sim.run();
    expect(first.outcome).toBe('completed');
  });

  test('bad options are rejected with the option named', () => {
    const sim = createSimulation({ seed: 1 });
    const ref = sim.objects.create(Slots);
    expect(() => sim.hotswap(ref, Slots2, { timeoutTicks: 0 })).toThrow(
      'hotswap: option timeoutTicks must be an integer >= 1, got 0',
    );
    expect(() => sim.hotswap(ref, 5 as never)).toThrow(
      'hotswap: the new implementation must be a class',
    );
  });
});

describe('hotswap: method-type stubs', () => {
  class V1 {
    n = 0;
    get(): number {
      return this.n;
    }
    *bump(by: number): Op<number> {
      yield* compute(1);
      return (this.n += by);
    }
    exportFormats() {
      return ['n'];
    }
    exportState() {
      return this.n;
    }
    importFormats() {
      return ['n'];
    }
    importState(_f: string, s: unknown) {
      this.n = s as number;
    }
  }
  class V2 {
    value = 0;
    read(): { value: number } {
      return { value: this.value };
    }
    *increase(opts: { amount: number }): Op<number> {
      yield* compute(1);
      return (this.value += opts.amount);
    }
    exportFormats() {
      return ['n'];
    }
    exportState() {
      return this.value;
    }
    importFormats() {
      return ['n'];
    }
    importState(_f: string, s: unknown) {
      this.value = s as number;
    }
  }

  test('old refs keep working through stubs after the swap, including generator methods', () => {
    const sim = createSimulation({ seed: 1 });
    const ref = sim.objects.create(V1);
    const results: number[] = [];
    for (let i = 0; i < 5; i++)
      sim.spawn(`t${i}`, function* () {
        results.push(yield* ref.bump(1));
        yield* sleep(30);
        results.push(yield* ref.bump(10));
      });
    const s = sim.hotswap(ref, V2, {
      stubs: {
        get: (t) => () => t.read().value,
        bump: (t) => (by: number) => t.increase({ amount: by }),
      },
    });
    sim.run();
    expect(s.outcome, s.reason).toBe('completed');
    expect(ref.get()).toBe(55);
    expect(results.slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(sim.objects.info(ref).class).toBe('V2');
  });
});

describe('hotswap: class-wide update', () => {
  test('every live instance is swapped and new creations go to the new class', () => {
    const sim = createSimulation({ seed: 6, cpus: 2 });
    const refs = Array.from({ length: 5 }, () => sim.objects.create(Slots));
    for (const [i, r] of refs.entries())
      sim.spawn(`t${i}`, function* () {
        for (let k = 0; k < 4; k++) yield* r.slowAdd(0, 1, 2);
      });
    const update = sim.updateClass(Slots, Slots2);
    expect(update.outcome).toBe('pending');
    const later = sim.objects.create(Slots);
    sim.run();
    expect(update.outcome).toBe('completed');
    expect(update.instances.every((i) => i.outcome === 'completed')).toBe(true);
    expect(refs.map((r) => r.total())).toEqual([4, 4, 4, 4, 4]);
    expect(sim.objects.info(later).class).toBe('Slots2');
    expect(sim.objects.instances(Slots2)).toHaveLength(6);
    expect(sim.objects.instances(Slots)).toHaveLength(0);
  });
});

describe('hotswap: destroy during a swap waits for it (K42 pendingDestroy)', () => {
  test('held calls are released, then the object is destroyed; nothing hangs', () => {
    const sim = createSimulation({ seed: 2 });
    const ref = sim.objects.createNamed('s', Slots);
    const ledger = new Ledger(sim, new Set([ref.$id]));
    sim.spawn('hog', function* () {
      yield* ref.slowAdd(0, 1, 60);
    });
    const waiters = Array.from({ length: 3 }, (_, i) =>
      sim.spawn(`late${i}`, function* () {
        yield* sleep(20);
        yield* ref.slowAdd(1, 1, 1);
      }),
    );
    const s = sim.hotswap(ref, Slots2);
    sim.at(30, () => sim.objects.destroy(ref, 'fault: destroyed mid-swap'));
    const r = sim.run();
    expect(r.outcome).toBe('passed');
    expect(s.outcome).toBe('completed');
    expect(sim.objects.info(ref).state).toBe('destroyed');
    expect(ledger.problems()).toEqual([]);
    for (const w of waiters) expect(w.state).toBe('exited');
  });
});
