import { describe, expect, test } from 'vitest';
import { CallLoggerPlugin, createSimulation, sleep } from 'kernel-sim';
import { Store } from './store-fixture.ts';

function run(logger: CallLoggerPlugin, seed = 1, cpus = 1) {
  const sim = createSimulation({ seed, cpus });
  const a = sim.objects.createNamed('a', Store);
  const b = sim.objects.createNamed('b', Store);
  logger.attach(sim);
  sim.spawn('w1', function* () {
    a.put('x', 1);
    for (let n = 1; n <= 2; n++) yield* a.slowGet('x', n);
    yield* sleep(3);
    try {
      a.fail('on purpose');
    } catch {
      /* logged */
    }
    b.put('y', 2);
  });
  expect(sim.run().outcome).toBe('passed');
}

describe('CallLoggerPlugin', () => {
  test('one deterministic line per call: ticks, cpu, thread, call id, call, outcome', () => {
    const logger = new CallLoggerPlugin('a,b');
    run(logger);
    expect(logger.kept).toEqual([
      'tick 0..0 cpu 0 thread 1 (w1) call 3: a.put("x", 1) -> undefined',
      'tick 1..2 cpu 0 thread 1 (w1) call 4: a.slowGet("x", 1) -> 1',
      'tick 4..6 cpu 0 thread 1 (w1) call 5: a.slowGet("x", 2) -> 1',
      'tick 11..11 cpu 0 thread 1 (w1) call 9: a.fail("on purpose") threw Error: on purpose',
      'tick 11..11 cpu 0 thread 1 (w1) call 10: b.put("y", 2) -> undefined',
    ]);
    expect(logger.report()).toEqual({ calls: 5, dropped: 0, lines: logger.kept });
    expect(logger.lines()[0]).toBe('logger: 5 calls');
    expect(logger.lines()[1]).toBe(`  ${logger.kept[0]}`);
  });

  test('filters by object and method; the sink sees each line as it is written', () => {
    const seen: string[] = [];
    const logger = new CallLoggerPlugin({
      objects: 'a.slowGet,b',
      sink: (l) => seen.push(l),
      keep: false,
    });
    run(logger);
    expect(seen).toEqual([
      'tick 1..2 cpu 0 thread 1 (w1) call 4: a.slowGet("x", 1) -> 1',
      'tick 4..6 cpu 0 thread 1 (w1) call 5: a.slowGet("x", 2) -> 1',
      'tick 11..11 cpu 0 thread 1 (w1) call 10: b.put("y", 2) -> undefined',
    ]);
    expect(logger.kept).toEqual([]);
    expect(logger.report()).toEqual({ calls: 3, dropped: 0, lines: [] });
  });

  test('keepMax keeps the first lines and counts the rest as dropped', () => {
    const logger = new CallLoggerPlugin({ objects: 'a,b', keepMax: 2 });
    run(logger);
    expect(logger.kept).toHaveLength(2);
    expect(logger.report()).toMatchObject({ calls: 5, dropped: 3 });
    expect(logger.lines()[0]).toBe('logger: 5 calls (3 not kept: keepMax is 2)');
  });

  test('same seed, same lines, with threads interleaving on several CPUs', () => {
    const texts = [1, 1, 2].map((seed) => {
      const logger = new CallLoggerPlugin('a,b');
      const sim = createSimulation({ seed, cpus: 3, quantumTicks: 2 });
      const a = sim.objects.createNamed('a', Store);
      logger.attach(sim);
      const rnd = sim.random('calls');
      for (let t = 0; t < 6; t++) {
        sim.spawn(`w${t}`, function* () {
          for (let i = 0; i < 4; i++) {
            a.put(`k${rnd.int(0, 3)}`, i);
            yield* a.slowGet('k0', rnd.int(1, 5));
          }
        });
      }
      sim.run();
      return logger.kept.join('\n');
    });
    expect(texts[0]).toBe(texts[1]);
    expect(texts[0]).not.toBe(texts[2]);
    expect(texts[0].split('\n')).toHaveLength(48);
  });
});
