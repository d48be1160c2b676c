import { describe, expect, test } from 'vitest';
import { MediatorError, RewriterPlugin, createSimulation } from 'kernel-sim';
import { Store } from './store-fixture.ts';

describe('RewriterPlugin', () => {
  test('rewrites arguments on the way in and results on the way out, plain and generator methods alike', () => {
    const sim = createSimulation({ seed: 1, cpus: 1 });
    const a = sim.objects.createNamed('a', Store);
    const b = sim.objects.createNamed('b', Store);
    const rewriter = new RewriterPlugin({
      objects: 'a',
      rewrites: {
        put: { args: ([k, v]) => [String(k).toUpperCase(), (v as number) * 10] },
        get: { result: (r) => (r === undefined ? -1 : r) },
        slowGet: { args: ([k]) => [k, 1], result: (r) => `got ${String(r)}` },
      },
    });
    rewriter.attach(sim);
    let slow: unknown;
    sim.spawn('w1', function* () {
      a.put('x', 4);
      b.put('x', 4);
      slow = yield* a.slowGet('X', 50);
    });
    const r = sim.run();
    expect(r.outcome).toBe('passed');
    expect([...sim.objects.peek(a).m]).toEqual([['X', 40]]);
    expect([...sim.objects.peek(b).m]).toEqual([['x', 4]]);
    expect(a.get('nothing')).toBe(-1);
    expect(b.get('nothing')).toBeUndefined();
    expect(slow).toBe('got 40');
    expect(r.ticks).toBeLessThan(50); // the tick argument was rewritten to 1
    expect(rewriter.report()).toEqual({
      rewritten: {
        'a.get': { args: 0, results: 1 },
        'a.put': { args: 1, results: 0 },
        'a.slowGet': { args: 1, results: 1 },
      },
    });
    expect(rewriter.lines()).toEqual([
      'rewriter: 3 methods rewritten',
      '  a.get: args 0, results 1',
      '  a.put: args 1, results 0',
      '  a.slowGet: args 1, results 1',
    ]);
  });

  test('an args rewrite that does not return an array fails the call with a MediatorError', () => {
    const sim = createSimulation({ seed: 1 });
    const a = sim.objects.createNamed('a', Store);
    new RewriterPlugin({ rewrites: { put: { args: () => 'oops' as never } } }).attach(sim);
    expect(() => a.put('x', 1)).toThrow(MediatorError);
    expect(() => a.put('x', 1)).toThrow(
      /mediator 'rewriter' on a\.put .* the args rewrite for a\.put returned string; it must return the new argument array/,
    );
    expect(sim.objects.peek(a).reached).toBe(0);
    expect(() => new RewriterPlugin({ rewrites: { put: { result: 1 as never } } })).toThrow(
      /the 'result' rewrite for 'put' must be a function/,
    );
  });
});
