/**
 * planted/lost-wakeup: a deliberately broken object, for measuring what a
 * schedule finds (docs/CHECKING.md, "Planted bugs"). A mailbox's take()
 * checks for an item, and only some work later blocks on its wait queue;
 * a put() that lands in between wakes nobody, and the taker sleeps for
 * ever (a lost wake-up: the check and the block are not atomic).
 *
 * One CPU, a consumer and a producer: under fifo the producer's put never
 * falls in the window, so every seed passes; a seed-driven schedule that
 * preempts the consumer inside it (random's quantum ends, pct's change
 * points) loses the wake-up, and the run ends in a deadlock (liveness) or
 * with items left over (the expectation).
 *
 * Run: `kernel-sim check scenarios/planted/lost-wakeup.ts --schedule pct`
 */
import { block, compute, defineScenario, wake, WaitQueue, type Op } from 'kernel-sim';

const ITEMS = 40;

class Mailbox {
  items = 0;
  taken = 0;
  readonly takers = new WaitQueue('mailbox');
  *take(): Op<void> {
    if (this.items === 0) {
      yield* compute(1); // BUG: a put here wakes nobody
      yield* block(this.takers);
    }
    this.items--;
    this.taken++;
  }
  *put(): Op<void> {
    this.items++;
    yield* wake(this.takers, 1);
  }
}

export default defineScenario<{ box: Mailbox }>({
  name: 'planted-lost-wakeup',
  description: 'PLANTED BUG: a mailbox whose take() checks, then blocks, losing a wake-up',
  options: { cpus: 1, quantumTicks: 8, ticksMax: 20_000 },
  setup(sim) {
    const box = sim.objects.createNamed('mailbox', Mailbox);
    sim.spawn('consumer', function* () {
      for (let i = 0; i < ITEMS; i++) yield* box.take();
    });
    sim.spawn('producer', function* () {
      for (let i = 0; i < ITEMS; i++) {
        yield* compute(3);
        yield* box.put();
      }
    });
    return { box: sim.objects.peek(box) };
  },
  expect(_result, _sim, { box }) {
    if (box.taken !== ITEMS) throw new Error(`the consumer took ${box.taken} of ${ITEMS} items`);
  },
});
