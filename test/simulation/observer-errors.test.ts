/**
 * An observer that throws is part of the run's verdict, at once: the run
 * ends as a crash naming the event, before run() returns (rxjs would
 * otherwise report it later from a timer, after the verdict).
 */
import { expect, test } from 'vitest';
import { compute, createSimulation } from 'kernel-sim';

test('an observer that throws ends the run as a crash, synchronously', () => {
  const sim = createSimulation({ seed: 1, cpus: 1 });
  sim.events$.subscribe((e) => {
    if (e.type === 'thread.exited') throw new Error('observer bug');
  });
  for (let i = 0; i < 3; i++)
    sim.spawn(`t${i}`, function* () {
      yield* compute(2);
    });
  const r = sim.run();
  expect(r.outcome).toBe('crash');
  expect(r.reason).toMatch(
    /^an observer of the event stream threw on thread\.exited at tick \d+: Error: observer bug$/,
  );
  expect(r.threads.exited).toBe(1); // halted at once: the other threads never ran to the end
});

test('a throwing observer in a pipeline (operators between) is caught too', async () => {
  const { filter } = await import('rxjs');
  const sim = createSimulation({ seed: 1, cpus: 1 });
  sim.events$.pipe(filter((e) => e.type === 'thread.spawned')).subscribe(() => {
    throw new TypeError('piped');
  });
  sim.spawn('t', function* () {
    yield* compute(1);
  });
  const r = sim.run();
  expect(r.outcome).toBe('crash');
  expect(r.reason).toMatch(/threw on thread\.spawned .*TypeError: piped/);
});

test('without a throwing observer the synchronous error mode is off again', async () => {
  const { config } = await import('rxjs');
  const sim = createSimulation({ seed: 1, cpus: 1 });
  sim.spawn('t', function* () {
    yield* compute(1);
  });
  expect(sim.run().outcome).toBe('passed');
  expect(config.useDeprecatedSynchronousErrorHandling).toBe(false);
});
