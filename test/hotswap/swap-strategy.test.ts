/**
 * The strategy option: per swap (`strategy`) or per simulation
 * (`swapStrategy`), checked with a clear error; the swap's handle says which
 * strategy it ran; the reproduce line carries --strategy.
 */
import { describe, expect, test } from 'vitest';
import { compute, createSimulation, type Op } from 'kernel-sim';
import { STRATEGY_NAMES, strategyFor } from '../../src/hotswap/index.ts';
import { reproduceCommand } from '../../src/scenario/index.ts';

class C {
  n = 0;
  *add(): Op<void> {
    yield* compute(3);
    this.n++;
  }
}
class C2 extends C {}

describe('swap strategy option', () => {
  test('an unknown name is refused with the list of names', () => {
    expect(() => createSimulation({ swapStrategy: 'eager' as never })).toThrow(
      "option swapStrategy must be one of quiescence, naive, block-all, update-points, rollback, lazy, got 'eager'",
    );
    const sim = createSimulation();
    const c = sim.objects.create(C);
    expect(() => sim.hotswap(c, C2, { strategy: 'fast' as never })).toThrow(
      "hotswap: option strategy must be one of quiescence, naive, block-all, update-points, rollback, lazy, got 'fast'",
    );
  });

  test('per swap beats per simulation; the default is quiescence', () => {
    expect(strategyFor(undefined).name).toBe('quiescence');
    for (const name of STRATEGY_NAMES) expect(strategyFor(name).name).toBe(name);
    const sim = createSimulation({ swapStrategy: 'block-all' });
    const a = sim.objects.create(C);
    const b = sim.objects.create(C);
    const s1 = sim.hotswap(a, C2);
    const s2 = sim.hotswap(b, C2, { strategy: 'naive' });
    expect(s1.strategy.name).toBe('block-all');
    expect(s2.strategy.name).toBe('naive');
    sim.run();
    expect([s1.outcome, s2.outcome]).toEqual(['completed', 'completed']);
  });

  test('naive passes forward and block in the tick of the request, with no mediator', () => {
    const sim = createSimulation();
    const c = sim.objects.create(C);
    const phases: string[] = [];
    sim.events$.subscribe((e) => {
      if (e.type === 'swap.phase-changed') phases.push(`${e.phase}@${e.tick}`);
    });
    sim.spawn('w', function* () {
      yield* c.add();
    });
    sim.at(1, () => sim.hotswap(c, C2, { strategy: 'naive' }));
    sim.run();
    expect(phases.slice(0, 3)).toEqual(['forward@1', 'block@1', 'transfer@1']);
  });

  test('the reproduce line carries --strategy', () => {
    expect(reproduceCommand('hello.ts', 3, { swapStrategy: 'naive' })).toBe(
      'kernel-sim scenario hello.ts --seed 3 --strategy naive',
    );
  });
});
