/**
 * The swap's wait (SimulationOptions.swapWait, SwapOptions.swapWait): by
 * default a swap waits on a generation marker per CPU, as K42's hot swap
 * does; 'token-ring' waits for the global generation. Under steady arrivals
 * of short calls on many CPUs the per-CPU wait ends forward quickly and the
 * swap holds calls; the ring's wait is several times longer.
 */
import { describe, expect, test } from 'vitest';
import { compute, createSimulation, type Op, type SimulationEvent } from 'kernel-sim';

class Box {
  n = 0;
  *add(ticks: number): Op<void> {
    yield* compute(ticks);
    this.n++;
  }
  total(): number {
    return this.n;
  }
  exportFormats(): string[] {
    return ['n'];
  }
  exportState(): number {
    return this.n;
  }
  importFormats(): string[] {
    return ['n'];
  }
  importState(_format: string, n: number): void {
    this.n = n;
  }
}
class Box2 extends Box {}

/** 16 CPUs, 2000 callers arriving every tick on average, each one call of 2..12 ticks; swap at 200. */
function run(swapWait?: 'per-cpu' | 'token-ring', perSwap?: 'per-cpu' | 'token-ring') {
  const sim = createSimulation({
    seed: 4,
    cpus: 16,
    hashEvents: false,
    ...(swapWait === undefined ? {} : { swapWait }),
  });
  const box = sim.objects.createNamed('box', Box);
  const labels: string[] = [];
  sim.events$.subscribe((e: SimulationEvent) => {
    if (e.type === 'quiescence.requested') labels.push(e.label);
  });
  sim.workload({
    name: 'caller',
    threads: 2000,
    meanGapTicks: 1,
    lifetime: { kind: 'uniform', min: 2, max: 12 },
    body: function* (ctx) {
      yield* box.add(ctx.lifetimeTicks);
    },
  });
  let swap!: ReturnType<typeof sim.hotswap>;
  sim.at(
    200,
    () => (swap = sim.hotswap(box, Box2, perSwap === undefined ? {} : { swapWait: perSwap })),
  );
  const result = sim.run();
  return { result, swap, box, labels };
}

describe('swap wait', () => {
  test('per-CPU markers by default: forward ends under steady arrivals and the swap holds calls; the token ring waits several times longer', () => {
    const perCpu = run();
    const ring = run('token-ring');
    for (const r of [perCpu, ring]) {
      expect(r.result.outcome).toBe('passed');
      expect(r.swap.outcome, r.swap.reason).toBe('completed');
      expect(r.box.total()).toBe(2000);
    }
    const fwd = perCpu.swap.phaseTicks.forward!;
    const ringFwd = ring.swap.phaseTicks.forward!;
    expect(perCpu.swap.held).toBeGreaterThan(0);
    expect(ringFwd).toBeGreaterThan(3 * fwd);
  });

  test('per swap beats per simulation', () => {
    const a = run('token-ring', 'per-cpu');
    const b = run(undefined, 'per-cpu');
    expect(a.swap.phaseTicks).toEqual(b.swap.phaseTicks);
    const c = run('per-cpu', 'token-ring');
    const d = run('token-ring');
    expect(c.swap.phaseTicks).toEqual(d.swap.phaseTicks);
    expect(c.swap.phaseTicks.forward).not.toBe(a.swap.phaseTicks.forward);
  });

  test('an unknown wait is refused, per simulation and per swap, naming both modes', () => {
    expect(() => createSimulation({ swapWait: 'ring' as never })).toThrow(
      "option swapWait must be one of per-cpu, token-ring, got 'ring'",
    );
    const sim = createSimulation();
    const b = sim.objects.create(Box);
    expect(() => sim.hotswap(b, Box2, { swapWait: 'all' as never })).toThrow(
      "hotswap: option swapWait must be one of per-cpu, token-ring, got 'all'",
    );
  });
});
