/**
 * Installing and removing plugins while calls are in flight, over many seeds:
 * no call is lost and none is counted twice.
 *
 * A permanent counter P sits in front of the object for the whole run. From
 * tick START to tick STOP a chain of rotating counters takes turns: at random
 * ticks one action detaches the current one and attaches a fresh one. Loggers
 * and latency timers are attached and detached at other random ticks, so the
 * chain a call captures keeps changing while generator calls are preempted
 * inside it. Then:
 *   - P counted exactly the calls the threads made, per method, and the object
 *     saw the same number;
 *   - the rotating counters together counted exactly the calls P counted
 *     between START and STOP (each call entered exactly one of them).
 */
import { describe, expect, test } from 'vitest';
import {
  CallCounterPlugin,
  CallLoggerPlugin,
  LatencyTimerPlugin,
  createSimulation,
  type Plugin,
} from 'kernel-sim';
import { Store } from './store-fixture.ts';

const SEEDS = Array.from({ length: 50 }, (_, i) => i + 1);

function run(seed: number) {
  const sim = createSimulation({ seed, cpus: 3, quantumTicks: 3, hashEvents: false });
  const a = sim.objects.createNamed('a', Store);
  const made = { get: 0, put: 0, slowGet: 0 };
  const rnd = sim.random('test');
  for (let t = 0; t < 8; t++) {
    sim.spawn(`w${t}`, function* () {
      for (let i = 0; i < 25; i++) {
        const r = rnd.int(0, 2);
        if (r === 0) {
          made.get++;
          a.get('k');
        } else if (r === 1) {
          made.put++;
          a.put('k', i);
        } else {
          made.slowGet++;
          yield* a.slowGet('k', rnd.int(1, 6));
        }
      }
    });
  }
  const permanent = new CallCounterPlugin('a');
  permanent.attach(sim);

  const START = rnd.int(5, 30);
  const STOP = START + rnd.int(40, 150);
  const windows: CallCounterPlugin[] = [];
  let atStart = -1;
  let atStop = -1;
  sim.at(START, () => {
    atStart = permanent.total;
    windows.push(new CallCounterPlugin('a'));
    windows[0].attach(sim);
  });
  for (let tick = START + rnd.int(1, 6); tick < STOP; tick += rnd.int(1, 8)) {
    sim.at(tick, () => {
      windows[windows.length - 1].detach();
      const next = new CallCounterPlugin('a');
      windows.push(next);
      next.attach(sim);
    });
  }
  sim.at(STOP, () => {
    windows[windows.length - 1].detach();
    atStop = permanent.total;
  });
  const others: Plugin[] = [];
  for (let tick = rnd.int(0, 10); tick < STOP + 50; tick += rnd.int(1, 12)) {
    sim.at(tick, () => {
      const p = rnd.chance(0.5) ? new CallLoggerPlugin({ keep: false }) : new LatencyTimerPlugin();
      p.attach(sim);
      others.push(p);
      const victim = others[rnd.int(0, others.length - 1)];
      if (rnd.chance(0.6)) victim.detach!();
    });
  }
  const r = sim.run();
  return { r, sim, a, made, permanent, windows, atStart, atStop };
}

describe('InterposingPlugin: install and remove while calls are in flight', () => {
  test.each(SEEDS)('seed %i: no call lost, none counted twice', (seed) => {
    const { r, sim, a, made, permanent, windows, atStart, atStop } = run(seed);
    expect(r.outcome, r.reason).toBe('passed');
    const total = made.get + made.put + made.slowGet;
    expect(total).toBe(200);
    expect(permanent.total).toBe(total);
    const c = permanent.counters().get('a')!;
    expect({ get: c.callsOf('get'), put: c.callsOf('put'), slowGet: c.callsOf('slowGet') }).toEqual(
      made,
    );
    expect(sim.objects.peek(a).reached).toBe(total);
    expect(windows.length).toBeGreaterThan(2);
    expect(atStop).toBeGreaterThan(atStart);
    expect(windows.reduce((n, w) => n + w.total, 0)).toBe(atStop - atStart);
    expect(sim.objects.info(a).mediators.filter((m) => m === 'counter')).toHaveLength(1);
  });

  test('calls are really in flight when the chain changes (the test exercises what it claims)', () => {
    let inFlightAtChange = 0;
    for (const seed of SEEDS.slice(0, 10)) {
      const sim = createSimulation({
        seed,
        cpus: 3,
        quantumTicks: 3,
        hashEvents: false,
        callStats: true,
      });
      const a = sim.objects.createNamed('a', Store);
      for (let t = 0; t < 6; t++) {
        sim.spawn(`w${t}`, function* () {
          for (let i = 0; i < 10; i++) yield* a.slowGet('k', 4);
        });
      }
      for (let tick = 3; tick < 60; tick += 5) {
        sim.at(tick, () => {
          inFlightAtChange += sim.objects.info(a).stats.slowGet?.inFlight ?? 0;
          new CallCounterPlugin().attach(sim);
        });
      }
      sim.run();
    }
    expect(inFlightAtChange).toBeGreaterThan(50);
  });
});
