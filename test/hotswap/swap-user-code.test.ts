/**
 * Exceptions thrown by user code during a swap (before/after
 * callbacks, importFormats) must not leave the swap half done.
 */
import { describe, expect, test } from 'vitest';
import { compute, createSimulation, sleep, type Op } from 'kernel-sim';

class Acc {
  n = 0;
  *slowAdd(k: number, ticks = 4): Op<number> {
    yield* compute(ticks);
    return (this.n += k);
  }
  get0(): number {
    return this.n;
  }
  exportFormats(): readonly string[] {
    return ['n'];
  }
  exportState(): unknown {
    return this.n;
  }
  importFormats(): readonly string[] {
    return ['n'];
  }
  importState(_f: string, s: unknown): void {
    this.n = s as number;
  }
}
class Acc2 extends Acc {}

/**
 * 'early' is alive at the request (keeps forward until ~tick 7); 'tracked'
 * enters during forward and stays inside ~20 ticks; 'held' arrives in block.
 */
function setup(options: Parameters<ReturnType<typeof createSimulation>['hotswap']>[2]) {
  const sim = createSimulation({ seed: 1, cpus: 2, detector: 'event' });
  const a = sim.objects.create(Acc);
  const results: number[] = [];
  const held: number[] = [];
  sim.select('swap.call-held').subscribe((e) => held.push(e.thread));
  sim.spawn('early', function* () {
    yield* sleep(5);
  });
  let swap: ReturnType<typeof sim.hotswap> | undefined;
  sim.at(1, () => {
    swap = sim.hotswap(a, Acc2, options);
  });
  sim.at(2, () => {
    sim.spawn('tracked', function* () {
      results.push(yield* a.slowAdd(1, 20));
    });
  });
  sim.at(12, () => {
    sim.spawn('held', function* () {
      results.push(yield* a.slowAdd(10));
    });
  });
  return { sim, a, results, held, swap: () => swap! };
}

describe('user code throwing during a swap', () => {
  test('before() that throws rolls the swap back and releases the held call', () => {
    const { sim, results, held, swap } = setup({
      before: () => {
        throw new Error('boom');
      },
    });
    const r = sim.run();
    expect(held).toEqual([3]); // the scenario is as intended: 'held' was held
    // (before the fix: outcome 'crash', the swap stayed in 'transfer' with its mediator in
    // the entry, the object locked and the held thread blocked forever)
    expect(swap().phase).toBe('done');
    expect(swap().outcome).toBe('aborted');
    expect(results).toEqual([1, 11]);
    expect(r.outcome, r.reason).toBe('passed');
  });

  test('after() that throws still finishes the swap (settled, old retired, done)', () => {
    const { sim, a, swap } = setup({
      after: () => {
        throw new Error('boom');
      },
    });
    sim.at(2, () => sim.objects.destroy(a)); // a destroy asked for during the swap
    sim.run();
    expect(swap().outcome).toBe('completed');
    expect(swap().phase).toBe('done'); // stuck in 'complete'
    expect(sim.objects.info(a).state).not.toBe('live'); // the pending destroy was lost
  });

  test('importFormats() that throws refuses the swap instead of leaving it pending in negotiate', () => {
    class Bad extends Acc {
      override importFormats(): readonly string[] {
        throw new Error('formats unavailable');
      }
    }
    const sim = createSimulation({ seed: 1, cpus: 2 });
    const a = sim.objects.create(Acc);
    let swap: ReturnType<typeof sim.hotswap> | undefined;
    let thrown: unknown;
    try {
      swap = sim.hotswap(a, Bad);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeUndefined();
    expect(sim.swapper.swaps[0].outcome).toBe('refused'); // it is 'pending' forever
    expect(swap?.reason).toMatch(/formats unavailable/);
  });

  test('sanity: the same scenario without throwing callbacks completes with both calls', () => {
    const { sim, results, held, swap } = setup({});
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(held).toEqual([3]);
    expect(swap().outcome).toBe('completed');
    expect(results).toEqual([1, 11]);
  });

  test('a destroy asked for during a swap does not fail the calls the swap was holding', () => {
    // DESIGN/ARCHITECTURE: a destroy during a swap waits for the swap to end,
    // and calls already inside finish. The held call entered before the destroy.
    const { sim, a, results, held, swap } = setup({});
    const failed: string[] = [];
    sim.select('thread.failed').subscribe((e) => failed.push(e.error));
    sim.at(14, () => sim.objects.destroy(a)); // after 'held' entered (tick 12+)
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(held).toEqual([3]);
    expect(swap().outcome).toBe('completed');
    expect(failed).toEqual([]); // (before the fix: ['StaleRefError: ... was destroyed ...'])
    expect(results).toEqual([1, 11]);
  });
});
