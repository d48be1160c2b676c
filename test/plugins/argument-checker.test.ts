import { describe, expect, test } from 'vitest';
import {
  ArgumentCheckError,
  ArgumentCheckerPlugin,
  MediatorError,
  createPlugin,
  createSimulation,
} from 'kernel-sim';
import { Store } from './store-fixture.ts';

const rules = {
  put: (args: readonly unknown[]) => (args[1] as number) >= 0 || 'the value must be >= 0',
  slowGet: function ticksPositive(args: readonly unknown[]) {
    return (args[1] as number) > 0;
  },
};

describe('ArgumentCheckerPlugin', () => {
  test('reject: the caller gets a MediatorError naming the checker, object, method, args and message; the call does not run', () => {
    const sim = createSimulation({ seed: 1, cpus: 1 });
    const a = sim.objects.createNamed('a', Store);
    const checker = new ArgumentCheckerPlugin({ rules });
    checker.attach(sim);
    let caught: unknown;
    sim.spawn('w1', function* () {
      a.put('ok', 1);
      try {
        a.put('bad', -1);
      } catch (err) {
        caught = err;
      }
      yield* a.slowGet('ok', 1);
    });
    const t2 = sim.spawn('w2', function* () {
      yield* a.slowGet('ok', 0);
    });
    const r = sim.run();
    expect(r.outcome).toBe('passed');
    expect(caught).toBeInstanceOf(MediatorError);
    const err = caught as MediatorError;
    expect(err.mediator).toBe('checker');
    expect(err.message).toBe(
      `mediator 'checker' on a.put (call 5) threw: a.put("bad", -1) (call 5) failed its argument check: the value must be >= 0`,
    );
    expect(err.cause).toBeInstanceOf(ArgumentCheckError);
    expect(sim.objects.peek(a).m.has('bad')).toBe(false);
    // A generator call rejected before it is forwarded: the thread fails with the error.
    expect(t2.error).toBeInstanceOf(MediatorError);
    expect((t2.error as Error).message).toMatch(
      /a\.slowGet\("ok", 0\) \(call \d+\) failed its argument check: rule ticksPositive returned false$/,
    );
    expect(r.threads.failed).toBe(1);
    expect(checker.violations.map((v) => [v.object, v.method, v.args, v.rejected])).toEqual([
      ['a', 'put', '"bad", -1', true],
      ['a', 'slowGet', '"ok", 0', true],
    ]);
    expect(checker.report().checked).toBe(4);
    expect(sim.objects.peek(a).reached).toBe(2);
  });

  test('log: violations are recorded and sent to the sink, and the call goes through', () => {
    const sim = createSimulation({ seed: 1, cpus: 1 });
    const a = sim.objects.createNamed('a', Store);
    const seen: string[] = [];
    const checker = new ArgumentCheckerPlugin({ rules, mode: 'log', sink: (l) => seen.push(l) });
    checker.attach(sim);
    sim.spawn('w1', function* () {
      a.put('bad', -1);
      yield* a.slowGet('bad', 1);
    });
    expect(sim.run().threads.failed).toBe(0);
    expect(sim.objects.peek(a).m.get('bad')).toBe(-1);
    expect(seen).toEqual([
      'a.put("bad", -1) (call 3) failed its argument check: the value must be >= 0',
    ]);
    expect(checker.lines()).toEqual([
      'checker (log): 2 calls checked, 1 violations',
      '  tick 0: a.put("bad", -1) (call 3) failed its argument check: the value must be >= 0',
    ]);
  });

  test("'*' rules every method; the registry's checker reports NaN and infinities without rejecting", () => {
    const sim = createSimulation({ seed: 1, cpus: 1 });
    const a = sim.objects.createNamed('a', Store);
    const b = sim.objects.createNamed('b', Store);
    const checker = createPlugin('checker=a') as ArgumentCheckerPlugin;
    checker.attach(sim);
    a.put('n', Number.NaN);
    a.put('i', 1);
    b.put('n', Number.NaN);
    expect(sim.objects.peek(a).m.get('n')).toBeNaN();
    expect(checker.violations).toHaveLength(1);
    expect(checker.violations[0].message).toBe('argument 1 is NaN, not a finite number');
    expect(checker.violations[0].rejected).toBe(false);
  });

  test('bad rules are refused with a clear error', () => {
    expect(() => new ArgumentCheckerPlugin({ rules: { put: 3 as never } })).toThrow(
      /the rule for 'put' is number, not a function/,
    );
  });
});
