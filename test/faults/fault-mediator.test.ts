import { describe, expect, test } from 'vitest';
import { createSimulation, type Simulation } from 'kernel-sim';
import { attachCheckers } from '../../src/checkers/index.ts';
import { installFaults, type FaultSiteName } from '../../src/faults/index.ts';
import { Counter, counterWorkload } from '../checkers/swap-workload.ts';

function run(seed: number, site: FaultSiteName, fireChance: number) {
  const sim = createSimulation({ seed, cpus: 2 });
  const checks = attachCheckers(sim);
  const plan = installFaults(sim, { sites: [], force: [site], fireChance: { [site]: fireChance } });
  const errors: string[] = [];
  sim.select('thread.failed').subscribe((e) => errors.push(e.error));
  const w = counterWorkload(sim, { threads: 4, rounds: 5, swapAt: 6, late: 3 });
  const result = sim.run();
  return { sim, result, report: checks.report(), plan, errors, w };
}

describe('FaultMediator', () => {
  test('mediator-throws: callers get a MediatorError, threads fail, nothing is lost, over 20 seeds', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { result, report, errors, plan } = run(seed, 'mediator-throws', 0.2);
      expect(result.outcome).toBe('passed');
      expect(report.violations, `seed ${seed}`).toEqual([]);
      expect(errors.length).toBe(plan.sites['mediator-throws'].fired);
      expect(errors.every((e) => e.startsWith("MediatorError: mediator 'fault' on counter."))).toBe(
        true,
      );
    }
  });

  test('call-throws: the error unwinds through the object and the swap mediator, over 20 seeds', () => {
    let fired = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const { result, report, errors, plan, w } = run(seed, 'call-throws', 0.1);
      expect(result.outcome).toBe('passed');
      expect(report.violations, `seed ${seed}`).toEqual([]);
      expect(w.swap.handle!.outcome).toBe('completed');
      expect(
        errors.every((e) =>
          e.startsWith("InjectedFault: fault 'call-throws' injected: counter.slowInc"),
        ),
      ).toBe(true);
      fired += plan.sites['call-throws'].fired;
    }
    expect(fired).toBeGreaterThan(20);
  });

  test('kernel-context calls are never hit (a fault there would crash the run)', () => {
    const sim: Simulation = createSimulation({ seed: 1 });
    installFaults(sim, {
      sites: [],
      force: ['mediator-throws'],
      fireChance: { 'mediator-throws': 1 },
    });
    const c = sim.objects.create(Counter);
    sim.at(3, () => void c.inc());
    expect(sim.run().outcome).toBe('passed');
    expect(c.get()).toBe(1);
  });
});
