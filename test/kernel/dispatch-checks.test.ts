import { describe, expect, test } from 'vitest';
import { compute, createSimulation, sleep, type ThreadView } from 'kernel-sim';
import type { SchedulingPolicy } from '../../src/kernel/index.ts';

/**
 * The dispatcher turns the id a policy picked into its thread (a dense
 * table, src/kernel/thread-table.ts) and panics if that thread is not alive
 * and ready: here a policy that picks a wrong id once.
 */
type Sim = ReturnType<typeof createSimulation>;

/** The id picked instead of the policy's choice, once it exists (undefined: not yet). */
type BadPick = (seen: number[], sim: Sim) => number | undefined;

function withBadPick(schedule: string | undefined, bad: BadPick) {
  const sim = createSimulation({ seed: 1, cpus: 1, ...(schedule ? { schedule } : {}) });
  const real = sim.kernel.policy;
  const seen: number[] = [];
  let done = false;
  const policy: SchedulingPolicy = {
    enqueue: (t: ThreadView, hint, reason) => {
      if (!seen.includes(t.id)) seen.push(t.id);
      real.enqueue(t, hint, reason);
    },
    pickNext: (cpu) => {
      const id = done ? undefined : bad(seen, sim);
      if (id === undefined) return real.pickNext(cpu);
      done = true;
      return id;
    },
    forget: (id) => real.forget(id),
    readyCount: () => real.readyCount(),
  };
  sim.kernel.policy = policy;
  sim.spawn('quick', function* () {
    yield* compute(1);
  });
  sim.spawn('sleeper', function* () {
    yield* sleep(1000);
  });
  for (let i = 0; i < 3; i++)
    sim.spawn(`worker${i}`, function* () {
      for (let k = 0; k < 20; k++) yield* compute(1);
    });
  const r = sim.run();
  expect(done).toBe(true);
  expect(r.outcome).toBe('crash');
  return r.reason;
}

describe('Kernel.dispatch: a policy that picks a thread that is not ready', () => {
  for (const schedule of [undefined, 'random']) {
    const label = schedule ?? 'fifo';
    test(`an id never spawned panics naming it (${label})`, () => {
      expect(withBadPick(schedule, () => 999)).toBe(
        'Kernel.dispatch: policy picked thread 999, which is not alive',
      );
    });
    test(`an exited thread panics as not alive (${label})`, () => {
      const exited: BadPick = (seen, sim) => seen.find((id) => !sim.kernel.threads.has(id));
      expect(withBadPick(schedule, exited)).toBe(
        'Kernel.dispatch: policy picked thread 1, which is not alive',
      );
    });
    test(`a sleeping thread panics naming its state (${label})`, () => {
      const sleeping: BadPick = (seen, sim) =>
        seen.find((id) => sim.kernel.threads.get(id)?.state === 'sleeping');
      expect(withBadPick(schedule, sleeping)).toBe(
        'Kernel.dispatch: policy picked thread 2, which is sleeping',
      );
    });
  }
});
