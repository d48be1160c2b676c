import { describe, expect, test } from 'vitest';
import { compute, createSimulation, sleep, type Op } from 'kernel-sim';

class Counter {
  n = 0;
  inc(): number {
    return ++this.n;
  }
  *slowInc(ticks: number): Op<number> {
    yield* compute(ticks);
    return ++this.n;
  }
  exportFormats() {
    return ['value'];
  }
  exportState() {
    return this.n;
  }
  importFormats() {
    return ['value'];
  }
  importState(_f: string, v: unknown) {
    this.n = v as number;
  }
}
class Counter2 extends Counter {
  override inc(): number {
    this.n += 1;
    return this.n;
  }
}

describe('smoke', () => {
  test('threads call an object and a swap completes', () => {
    const sim = createSimulation({ seed: 3, cpus: 2 });
    const c = sim.objects.create(Counter);
    for (let i = 0; i < 20; i++) {
      sim.spawn(`t${i}`, function* () {
        for (let j = 0; j < 5; j++) {
          yield* c.slowInc(2);
          c.inc();
          yield* sleep(1);
        }
      });
    }
    let swap: ReturnType<typeof sim.hotswap> | undefined;
    sim.at(30, () => {
      swap = sim.hotswap(c, Counter2);
    });
    const types = new Map<string, number>();
    sim.events$.subscribe((e) => types.set(e.type, (types.get(e.type) ?? 0) + 1));
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(swap!.outcome, swap!.reason).toBe('completed');
    expect(c.inc()).toBe(201);
    expect(sim.objects.info(c).class).toBe('Counter2');
    expect(types.get('swap.completed')).toBe(1);
  });
});
