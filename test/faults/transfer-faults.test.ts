import { describe, expect, test } from 'vitest';
import { createSimulation, type ObjectRef, type Swap } from 'kernel-sim';
import { attachCheckers } from '../../src/checkers/index.ts';
import { installFaults, type FaultSiteName } from '../../src/faults/index.ts';
import { Counter, CounterV2, SplitCounter, counterWorkload } from '../checkers/swap-workload.ts';

function run(seed: number, site: FaultSiteName, before?: () => string | void) {
  const sim = createSimulation({ seed, cpus: 2 });
  const checks = attachCheckers(sim);
  const plan = installFaults(sim, { sites: [], force: [site], fireChance: { [site]: 1 } });
  const w = counterWorkload(sim, {
    threads: 4,
    rounds: 5,
    swapAt: 6,
    late: 2,
    ...(before ? { options: { before } } : {}),
  });
  const result = sim.run();
  return {
    sim,
    result,
    report: checks.report(),
    plan,
    swap: w.swap.handle!,
    counter: w.counter as unknown as Counter,
  };
}

describe('transfer faults', () => {
  test('transfer-throws: the swap rolls back with the injected error, the old object serves on intact, over 20 seeds', () => {
    const sides = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      const { result, report, swap, counter, sim, plan } = run(seed, 'transfer-throws');
      expect(result.outcome).toBe('passed');
      expect(report.violations, `seed ${seed}`).toEqual([]);
      expect(swap.outcome).toBe('aborted');
      expect(swap.reason).toMatch(
        /^transfer of counter in format 'count' failed: InjectedFault: fault 'transfer-throws' injected: (exportState|importState) of counter threw/,
      );
      sides.add(plan.log[0].detail);
      expect(sim.objects.info(counter).class).toBe('Counter');
      expect(counter.get()).toBe(2 * (4 + 2) * 5);
      expect(
        Object.prototype.hasOwnProperty.call(
          sim.objects.peek(counter as unknown as ObjectRef<Counter>),
          'exportState',
        ),
      ).toBe(false);
    }
    expect(sides).toEqual(
      new Set(['swap 1: counter.exportState will throw', 'swap 1: counter.importState will throw']),
    );
  });

  test('import-throws-halfway: a half-filled new object is thrown away, over 20 seeds', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { result, report, swap, counter } = run(seed, 'import-throws-halfway');
      expect(result.outcome).toBe('passed');
      expect(report.violations, `seed ${seed}`).toEqual([]);
      expect(swap.reason).toMatch(
        /InjectedFault: fault 'import-throws-halfway' injected: importState of counter threw after importing part 1 of 1/,
      );
      expect(counter.get()).toBe(60);
    }
  });

  test('half way through a clustered transfer: some parts imported, then the throw', () => {
    const sim = createSimulation({ seed: 2, cpus: 4 });
    installFaults(sim, {
      sites: [],
      force: ['import-throws-halfway'],
      fireChance: { 'import-throws-halfway': 1 },
    });
    const c = sim.objects.create(SplitCounter);
    for (let cpu = 0; cpu < 4; cpu++)
      sim.spawn(
        `t${cpu}`,
        function* () {
          yield* c.slowInc(2);
        },
        { cpu },
      );
    let swap: Swap | null = null;
    sim.at(20, () => void (swap = sim.hotswap(c, Counter)));
    sim.run();
    expect(swap!.reason).toContain('after importing part 2 of 4');
    expect(sim.objects.call(c, 'get')).toBe(4);
  });

  test("the scenario's own before() still runs first and may veto", () => {
    const { swap, plan } = run(1, 'transfer-throws', () => 'not today');
    expect(swap.reason).toBe('vetoed by before(): not today');
    expect(plan.log).toEqual([]);
  });

  test('a stateless swap has nothing to throw in', () => {
    class Stateless {
      *slowInc(): Generator<never, number> {
        return 0;
      }
    }
    const sim = createSimulation({ seed: 1 });
    installFaults(sim, {
      sites: [],
      force: ['transfer-throws'],
      fireChance: { 'transfer-throws': 1 },
    });
    const s = sim.objects.create(Stateless);
    let swap: Swap | null = null;
    sim.at(1, () => void (swap = sim.hotswap(s, Stateless)));
    sim.run();
    expect(swap!.outcome).toBe('completed');
  });
});

test('CounterV2 is the class the workload swaps to', () => {
  expect(new CounterV2()).toBeInstanceOf(Counter);
});
