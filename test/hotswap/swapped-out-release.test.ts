/**
 * Swapped-out implementations are released once retired (a generation after
 * their swap), and a rolled-back swap's new object is released too: after
 * 10^4 swaps of one object the simulation still holds only the live one.
 * Checked with WeakRefs after a full collection (gc exposed through V8's flags).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, test } from 'vitest';
import { createSimulation } from 'kernel-sim';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const made: WeakRef<object>[] = [];

class Slot {
  n = 0;
  constructor() {
    made.push(new WeakRef(this));
  }
  get(): number {
    return this.n;
  }
  exportFormats() {
    return ['n'];
  }
  exportState() {
    return this.n;
  }
  importFormats() {
    return ['n'];
  }
  importState(_f: string, n: unknown) {
    this.n = (n as number) + 1;
  }
}
class SlotB extends Slot {}

async function collected(): Promise<number> {
  await new Promise((r) => setTimeout(r, 0)); // WeakRef targets live to the end of the job
  gc();
  return made.filter((w) => w.deref() === undefined).length;
}

test('10^4 completed swaps leave only the live implementation reachable', async () => {
  made.length = 0;
  const sim = createSimulation({ seed: 1, cpus: 2, detector: 'event' });
  const ref = sim.objects.create(Slot);
  const swaps = 10_000;
  for (let i = 0; i < swaps; i++)
    sim.at(i * 20, () => sim.hotswap(ref, i % 2 === 0 ? SlotB : Slot));
  const r = sim.run();
  expect(r.outcome, r.reason).toBe('passed');
  expect(ref.get()).toBe(swaps); // every transfer happened
  expect(made).toHaveLength(swaps + 1);
  expect(await collected()).toBeGreaterThanOrEqual(swaps - 1);
  expect(sim.objects.info(ref).state).toBe('live'); // the simulation itself is still alive
});

test("a rolled-back swap's new implementation is released", async () => {
  made.length = 0;
  const sim = createSimulation({ seed: 1, cpus: 1, detector: 'event' });
  const ref = sim.objects.create(Slot);
  for (let i = 0; i < 100; i++)
    sim.at(i * 20, () => sim.hotswap(ref, SlotB, { before: () => 'vetoed' }));
  expect(sim.run().outcome).toBe('passed');
  expect(made).toHaveLength(101);
  expect(await collected()).toBe(100);
  expect(ref.get()).toBe(0);
});
