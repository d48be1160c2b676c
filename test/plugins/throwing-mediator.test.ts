/**
 * A mediator that throws: the caller gets a MediatorError naming the
 * mediator, while the object and the other threads carry on unaffected.
 * Also: an error from the implementation passes through plugin mediators
 * untouched (they are not blamed for it).
 */
import { describe, expect, test } from 'vitest';
import {
  CallCounterPlugin,
  CallLoggerPlugin,
  ForwardingMediator,
  LatencyTimerPlugin,
  MediatorError,
  createSimulation,
  type Call,
  type Forward,
  type ForwardOp,
  type Op,
} from 'kernel-sim';
import { Store } from './store-fixture.ts';

/** Throws for calls from the thread named 'victim', forwards all others. */
class Faulty extends ForwardingMediator {
  readonly name = 'faulty';
  override call(call: Call, forward: Forward): unknown {
    if (call.threadName === 'victim') throw new Error(`faulty refuses ${call.method}`);
    return forward(call);
  }
  override *callOp(call: Call, forward: ForwardOp): Op<unknown> {
    if (call.threadName === 'victim') throw new Error(`faulty refuses ${call.method}`);
    return yield* forward(call);
  }
}

describe('a mediator that throws', () => {
  test.each([1, 2, 3, 4, 5])(
    'seed %i: the victim sees a MediatorError naming it; others are unaffected',
    (seed) => {
      const sim = createSimulation({ seed, cpus: 2, quantumTicks: 2 });
      const a = sim.objects.createNamed('a', Store);
      // Plugins on both sides of the faulty mediator: outer ones see the error pass, inner ones never see the call.
      const inner = new CallCounterPlugin('a');
      inner.attach(sim);
      sim.interpose(a, new Faulty());
      const outer = new CallCounterPlugin('a');
      const timer = new LatencyTimerPlugin();
      const logger = new CallLoggerPlugin('a');
      for (const p of [outer, timer, logger]) p.attach(sim);
      const errors: unknown[] = [];
      const victim = sim.spawn('victim', function* () {
        try {
          a.put('v', 1);
        } catch (err) {
          errors.push(err);
        }
        yield* a.slowGet('k', 2);
      });
      const others = [0, 1, 2].map((i) =>
        sim.spawn(`ok${i}`, function* () {
          for (let j = 0; j < 5; j++) {
            a.put(`k${i}`, j);
            yield* a.slowGet(`k${i}`, 2);
          }
          return a.get(`k${i}`);
        }),
      );
      const r = sim.run();
      expect(r.outcome).toBe('passed');
      expect(errors).toHaveLength(1);
      const plain = errors[0] as MediatorError;
      expect(plain).toBeInstanceOf(MediatorError);
      expect(plain.mediator).toBe('faulty');
      expect(plain.message).toMatch(
        /^mediator 'faulty' on a\.put \(call \d+\) threw: faulty refuses put$/,
      );
      expect(victim.error).toBeInstanceOf(MediatorError);
      expect((victim.error as Error).message).toMatch(
        /^mediator 'faulty' on a\.slowGet \(call \d+\) threw: faulty refuses slowGet$/,
      );
      expect(r.threads).toMatchObject({ exited: 4, failed: 1 });
      for (const [i, t] of others.entries()) {
        expect(t.error).toBeUndefined();
        expect(t.result).toBe(4);
        expect(sim.objects.peek(a).m.get(`k${i}`)).toBe(4);
      }
      expect(sim.objects.peek(a).m.has('v')).toBe(false);
      expect(outer.total).toBe(2 + 3 * 11);
      expect(inner.total).toBe(3 * 11);
      const oc = outer.counters().get('a')!.counts;
      expect([oc.get('put')!.failed, oc.get('slowGet')!.failed]).toEqual([1, 1]);
      expect(
        logger.kept.filter((l) => l.includes("threw MediatorError: mediator 'faulty'")),
      ).toHaveLength(2);
      expect(timer.histogram('a', 'slowGet')!.count).toBe(16);
      expect(sim.objects.info(a).state).toBe('live');
    },
  );

  test('an error from the implementation passes through plugin mediators unwrapped', () => {
    const sim = createSimulation({ seed: 1 });
    const a = sim.objects.createNamed('a', Store);
    for (const p of [new CallCounterPlugin(), new LatencyTimerPlugin(), new CallLoggerPlugin()])
      p.attach(sim);
    let caught: unknown;
    try {
      a.fail('own error');
    } catch (err) {
      caught = err;
    }
    expect(caught).not.toBeInstanceOf(MediatorError);
    expect((caught as Error).message).toBe('own error');
  });
});
