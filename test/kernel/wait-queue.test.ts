import { describe, expect, test } from 'vitest';
import { block, createSimulation, wake, WaitQueue, sleep } from 'kernel-sim';

describe('WaitQueue', () => {
  test('blocked threads wake in FIFO order; wake returns how many woke', () => {
    const sim = createSimulation({ seed: 1, cpus: 1 });
    const q = new WaitQueue('door');
    const order: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      sim.spawn(name, function* () {
        yield* block(q);
        order.push(name);
      });
    }
    let woke = -1;
    sim.spawn('waker', function* () {
      yield* sleep(20);
      woke = yield* wake(q, 2);
      yield* sleep(20);
      yield* wake(q);
    });
    const r = sim.run();
    expect(r.outcome).toBe('passed');
    expect(woke).toBe(2);
    expect(order).toEqual(['a', 'b', 'c']);
  });

  test('kernel context wakes with wakeAll; an empty queue wakes nobody', () => {
    const sim = createSimulation({ seed: 1 });
    const q = new WaitQueue('gate');
    expect(q.wakeAll()).toBe(0);
    let done = 0;
    for (let i = 0; i < 4; i++)
      sim.spawn(`t${i}`, function* () {
        yield* block(q);
        done++;
      });
    sim.at(50, () => {
      expect(q.size).toBe(4);
      q.wakeAll();
    });
    expect(sim.run().outcome).toBe('passed');
    expect(done).toBe(4);
  });

  test('threads blocked forever end the run as a deadlock (liveness) that names them', () => {
    const sim = createSimulation({ seed: 1 });
    const q = new WaitQueue('never');
    sim.spawn('stuck', function* () {
      yield* block(q);
    });
    const r = sim.run();
    expect(r.outcome).toBe('liveness');
    expect(r.reason).toContain("thread 1 'stuck' (blocked)");
  });
});
