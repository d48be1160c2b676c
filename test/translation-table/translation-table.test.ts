import { describe, expect, test } from 'vitest';
import { ClusteredObject, compute, createSimulation, type Op } from 'kernel-sim';

class Box {
  constructor(public v = 0) {}
  get(): number {
    return this.v;
  }
  set(v: number): void {
    this.v = v;
  }
  *slowGet(ticks: number): Op<number> {
    yield* compute(ticks);
    return this.v;
  }
  variadic(...xs: number[]): number {
    return xs.length;
  }
}
class OtherBox extends Box {
  override get(): number {
    return this.v + 1000;
  }
}

class PerCpu extends ClusteredObject<PerCpu> {
  hits = 0;
  hit(): number {
    return ++this.hits;
  }
  cpu(): number {
    return this.cluster.cpu;
  }
  total(): number {
    return this.cluster.reps().reduce((s, r) => s + r.hits, 0);
  }
}

describe('TranslationTable: the call path', () => {
  test('plain methods are atomic calls; generator methods are yield*-ed', () => {
    const sim = createSimulation({ seed: 1 });
    const box = sim.objects.create(Box, 7);
    let got = -1;
    sim.spawn('t', function* () {
      box.set(8);
      got = yield* box.slowGet(3);
    });
    sim.run();
    expect(got).toBe(8);
    expect(box.get()).toBe(8);
  });

  test('a call looks the entry up at call time: after a retarget the next call reaches the new object, a call in flight finishes on the old', () => {
    const sim = createSimulation({ seed: 1, cpus: 1 });
    const box = sim.objects.create(Box, 1);
    const entry = sim.objects.entry(box);
    const reached: string[] = [];
    sim.events$.subscribe((e) => {
      if (e.type === 'call.reached' && e.object === box.$id)
        reached.push(`${e.call}:${e.impl}:v${e.version}`);
    });
    let slow = -1;
    sim.spawn('slow', function* () {
      slow = yield* box.slowGet(50);
    });
    sim.at(10, () => sim.table.retarget(entry, OtherBox, new OtherBox(2)));
    let after = -1;
    sim.spawn('late', function* () {
      yield* compute(30);
      after = box.get();
    });
    sim.run();
    expect(slow).toBe(1);
    expect(after).toBe(1002);
    expect(reached[0]).toMatch(/^\d+:Box:v1$/);
    expect(reached.at(-1)).toMatch(/^\d+:OtherBox:v2$/);
    expect(sim.objects.info(box)).toMatchObject({ class: 'OtherBox', version: 2 });
  });

  test('variadic and short calls take the slow path and stay correct', () => {
    const sim = createSimulation({ seed: 1 });
    const box = sim.objects.create(Box);
    expect(box.variadic(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)).toBe(10);
    expect(box.variadic()).toBe(0);
  });

  test('per-method stats count generator calls (callStats on)', () => {
    const sim = createSimulation({ seed: 1, callStats: true });
    const box = sim.objects.create(Box);
    for (let i = 0; i < 3; i++)
      sim.spawn(`t${i}`, function* () {
        yield* box.slowGet(2);
      });
    sim.run();
    expect(sim.objects.info(box).stats.slowGet).toEqual({ calls: 3, failed: 0, inFlight: 0 });
  });

  test('a thread keeps a stack of the calls it is inside', () => {
    const sim = createSimulation({ seed: 1, cpus: 1 });
    const box = sim.objects.createNamed('box', Box);
    let inside: string[] = [];
    sim.spawn('t', function* () {
      yield* box.slowGet(20);
    });
    sim.at(5, () => {
      inside = sim.table
        .threadsInside(sim.objects.entry(box))
        .flatMap((x) => x.calls.map((c) => `${x.thread.name}:${c.objectName}.${c.method}`));
    });
    sim.run();
    expect(inside).toEqual(['t:box.slowGet']);
  });
});

describe('TranslationTable: clustered objects', () => {
  test('calls from CPU k reach rep k; a miss creates it lazily; the root knows its CPUs', () => {
    const sim = createSimulation({ seed: 1, cpus: 4 });
    const pc = sim.objects.create(PerCpu);
    const repsMade: number[] = [];
    sim.events$.subscribe((e) => {
      if (e.type === 'object.rep-created') repsMade.push(e.cpu);
    });
    const seen: [number, number][] = [];
    for (let i = 0; i < 8; i++) {
      sim.spawn(`t${i}`, function* () {
        yield* compute(5);
        pc.hit();
        seen.push([sim.kernel.currentCpu, pc.cpu()]);
      });
    }
    sim.run();
    for (const [running, rep] of seen) expect(rep).toBe(running);
    expect(repsMade.length).toBe(new Set(repsMade).size);
    expect(pc.total()).toBe(8);
    expect(sim.table.entries[pc.$id - 1].reps!.filter(Boolean).length).toBe(repsMade.length);
  });

  test('a retarget resets the local tables so the next call on each CPU misses into the new reps', () => {
    const sim = createSimulation({ seed: 1, cpus: 2 });
    const pc = sim.objects.create(PerCpu);
    pc.hit();
    const entry = sim.objects.entry(pc);
    expect(sim.table.local[0][entry.id]).toBeDefined();
    const fresh = new PerCpu();
    sim.table.retarget(entry, PerCpu, [fresh]);
    expect(sim.table.local[0][entry.id]).toBeUndefined();
    expect(pc.hit()).toBe(1);
    expect(sim.table.local[0][entry.id]).toBe(fresh);
  });
});

describe('TranslationTable: errors', () => {
  test('a call on a destroyed object names the object, its class and what happened', () => {
    const sim = createSimulation({ seed: 1 });
    const box = sim.objects.createNamed('mybox', Box);
    sim.objects.destroy(box, 'test teardown');
    expect(() => box.get()).toThrow(
      /object 'mybox' \(Box, id \d+\) was destroyed at tick 0 \(test teardown\); the call to get\(\) cannot be served: the ref is stale/,
    );
  });

  test('a generator call on a destroyed object fails the calling thread with that error', () => {
    const sim = createSimulation({ seed: 1 });
    const box = sim.objects.createNamed('b', Box);
    const t = sim.spawn('t', function* () {
      yield* compute(5);
      yield* box.slowGet(1);
    });
    sim.at(2, () => sim.objects.destroy(box));
    sim.run();
    expect(String(t.error)).toContain("object 'b' (Box");
    expect(String(t.error)).toContain('was destroyed at tick 2');
  });

  test('destroy reclaims after a quiescence generation', () => {
    const sim = createSimulation({ seed: 1 });
    const box = sim.objects.create(Box);
    const types: string[] = [];
    sim.events$.subscribe((e) => {
      if (e.type.startsWith('object.destroy') || e.type === 'quiescence.reached')
        types.push(e.type);
    });
    sim.spawn('t', function* () {
      yield* compute(30);
    });
    sim.at(1, () => sim.objects.destroy(box));
    sim.run();
    expect(types).toEqual(['object.destroy-requested', 'quiescence.reached', 'object.destroyed']);
    expect(sim.objects.info(box).state).toBe('destroyed');
  });

  test('a method the object does not have is named', () => {
    const sim = createSimulation({ seed: 1 });
    const box = sim.objects.createNamed('b', Box);
    expect(() => sim.objects.call(box, 'nope')).toThrow(
      "object 'b' (Box, id 2) has no method 'nope'",
    );
    expect(sim.objects.call(box, 'get')).toBe(0);
  });

  test('refs cannot be forged from numbers or copied objects', () => {
    const sim = createSimulation({ seed: 1 });
    const box = sim.objects.create(Box);
    expect(() => sim.objects.destroy(2 as never)).toThrow(
      'objects.destroy: 2 is not an ObjectRef made by this simulation',
    );
    expect(() => sim.objects.info({ ...box })).toThrow(
      'is not an ObjectRef made by this simulation',
    );
    const other = createSimulation({ seed: 1 });
    expect(() => other.objects.info(box)).toThrow('is not an ObjectRef made by this simulation');
  });

  test('a generator method called from kernel context is refused with a clear error', () => {
    const sim = createSimulation({ seed: 1 });
    const box = sim.objects.create(Box);
    expect(() => box.slowGet(1).next()).toThrow(
      /is a generator method: call it from a thread body with yield\*/,
    );
  });

  test('objects.create rejects a non-class', () => {
    const sim = createSimulation({ seed: 1 });
    expect(() => sim.objects.create((() => ({})) as never)).toThrow(
      'objects.create: expected a class, got an arrow function',
    );
  });
});

describe('Factories', () => {
  test('every class has a factory listing its live instances', () => {
    const sim = createSimulation({ seed: 1 });
    const a = sim.objects.create(Box);
    const b = sim.objects.create(Box);
    sim.objects.create(OtherBox);
    expect(sim.objects.instances(Box).map((r) => r.$id)).toEqual([a.$id, b.$id]);
    sim.objects.destroy(a);
    expect(sim.objects.instances(Box).map((r) => r.$id)).toEqual([b.$id]);
  });

  test('the scheduler itself is a table object, reached by the dispatcher', () => {
    const sim = createSimulation({ seed: 1 });
    sim.spawn('t', function* () {
      yield* compute(3);
    });
    sim.events$.subscribe(() => {});
    let reached = 0;
    sim.select('call.reached').subscribe(() => reached++);
    sim.run();
    expect(sim.objects.info(sim.scheduler)).toMatchObject({
      name: 'scheduler',
      class: 'RoundRobinPolicy',
    });
    expect(reached).toBeGreaterThan(0);
  });
});
