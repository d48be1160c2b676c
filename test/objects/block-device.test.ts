import { describe, expect, test } from 'vitest';
import { BlockDevice, createSimulation } from 'kernel-sim';

describe('BlockDevice', () => {
  test('reads and writes take simulated time; unwritten blocks read as empty', () => {
    const sim = createSimulation({ seed: 1, cpus: 1 });
    const dev = sim.objects.create(BlockDevice, { readTicks: 7, writeTicks: 11 });
    const seen: [string, number][] = [];
    sim.spawn('io', function* () {
      const t0 = sim.now;
      seen.push([yield* dev.read('f', 0), sim.now - t0]);
      const t1 = sim.now;
      yield* dev.write('f', 0, 'hello');
      seen.push(['w', sim.now - t1]);
      seen.push([yield* dev.read('f', 0), 0]);
    });
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(seen[0][0]).toBe('');
    expect(seen[0][1]).toBeGreaterThanOrEqual(7);
    expect(seen[1][1]).toBeGreaterThanOrEqual(11);
    expect(seen[2][0]).toBe('hello');
    expect(dev.stored('f', 0)).toBe('hello');
    expect(dev.stored('f', 1)).toBeUndefined();
    const impl = sim.objects.peek(dev);
    expect([impl.reads, impl.writes]).toEqual([2, 1]);
  });

  test('a write is stored when issued, so the device sees writes in issue order', () => {
    const sim = createSimulation({ seed: 1, cpus: 2 });
    const dev = sim.objects.create(BlockDevice, { writeTicks: 20 });
    sim.spawn('slow', function* () {
      yield* dev.write('f', 3, 'first');
    });
    let midWrite: [string | undefined, number] = [undefined, 0];
    sim.spawn('reader', function* () {
      yield* dev.read('f', 0);
      midWrite = [dev.stored('f', 3), sim.now];
    });
    expect(sim.run().outcome).toBe('passed');
    expect(midWrite[0]).toBe('first');
    expect(midWrite[1]).toBeLessThan(20);
  });

  test('bad options and addresses are named', () => {
    expect(() => new BlockDevice({ readTicks: -1 })).toThrow(
      'BlockDevice: option readTicks must be an integer >= 0, got -1',
    );
    const sim = createSimulation({ seed: 1, cpus: 1 });
    const dev = sim.objects.create(BlockDevice);
    const t = sim.spawn('bad', function* () {
      yield* dev.read('', 0);
    });
    sim.run();
    expect(String(t.error)).toMatch(/BlockDevice.read: file must be a non-empty string, got ""/);
  });

  test("'device-blocks' transfer moves the stored blocks to a new device", () => {
    const sim = createSimulation({ seed: 1, cpus: 1 });
    const dev = sim.objects.create(BlockDevice);
    sim.spawn('w', function* () {
      yield* dev.write('a', 1, 'x');
      yield* dev.write('b', 2, 'y');
    });
    let swap: ReturnType<typeof sim.hotswap> | undefined;
    sim.at(30, () => (swap = sim.hotswap(dev, BlockDevice)));
    expect(sim.run().outcome).toBe('passed');
    expect(swap!.outcome, swap!.reason).toBe('completed');
    expect(sim.objects.info(dev).version).toBe(2);
    expect([dev.stored('a', 1), dev.stored('b', 2)]).toEqual(['x', 'y']);
  });
});
