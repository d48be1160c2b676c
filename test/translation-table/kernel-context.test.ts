/**
 * Kernel context runs as CPU 0 (docs/ARCHITECTURE.md, "Kernel
 * context (the dispatcher, sim.at actions, expect) runs as CPU 0 for the
 * purpose of clustered-object reps").
 */
import { describe, expect, test } from 'vitest';
import { ClusteredObject, createSimulation, sleep, yieldCpu } from 'kernel-sim';

class WhichCpu extends ClusteredObject<WhichCpu> {
  cpu(): number {
    return this.cluster.cpu;
  }
}

describe('kernel context CPU', () => {
  test('a plain call from expect() after run reaches the CPU 0 rep', () => {
    const sim = createSimulation({ seed: 1, cpus: 2 });
    const w = sim.objects.create(WhichCpu);
    sim.spawn(
      'on-cpu-1',
      function* () {
        yield* yieldCpu();
      },
      { cpu: 1 },
    );
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(w.cpu()).toBe(0); // stale kernel.currentCpu (1) picks CPU 1's rep instead
  });

  test('the dispatcher enqueuing a woken sleeper calls the policy as CPU 0 (kernel context), not as a stale CPU', () => {
    const sim = createSimulation({ seed: 1, cpus: 2 });
    const log: string[] = [];
    sim.events$.subscribe((e) => {
      if (e.type === 'thread.woken' && e.queue === null) log.push(`woken ${e.thread}`);
      if (e.type === 'call.entered' && e.objectName === 'scheduler' && e.method === 'enqueue')
        log.push(`enqueue cpu ${e.cpu}`);
    });
    sim.spawn(
      'sleeper',
      function* () {
        yield* sleep(5);
      },
      { cpu: 0 },
    );
    sim.spawn(
      'busy',
      function* () {
        for (let i = 0; i < 20; i++) yield* yieldCpu();
      },
      { cpu: 1 },
    );
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    const i = log.indexOf('woken 1');
    expect(i).toBeGreaterThanOrEqual(0);
    expect(log[i + 1]).toBe('enqueue cpu 0'); // it is 'enqueue cpu 1': CPU 1 ran the step before
  });
});
