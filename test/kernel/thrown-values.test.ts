/**
 * Whatever a thread throws, the failure is counted and described, and no
 * event is lost to the description: a thrown undefined is a failure, and
 * values that cannot be made a string are described by their type.
 */
import { describe, expect, test } from 'vitest';
import { compute, createSimulation, type Op } from 'kernel-sim';
import { describeError } from '../../src/kernel/index.ts';

const hostile = new Proxy(
  {},
  {
    get() {
      throw new Error('trap');
    },
    getPrototypeOf() {
      throw new Error('trap');
    },
  },
);
const VALUES: [string, unknown, RegExp][] = [
  ['undefined', undefined, /^undefined \(a thrown undefined\)$/],
  [
    'a null-prototype object',
    Object.create(null),
    /^an unprintable thrown value \(object with a null prototype\)$/,
  ],
  ['a hostile Proxy', hostile, /^an unprintable thrown value \(a Proxy\)$/],
  ['a Symbol', Symbol('s'), /^Symbol\(s\)$/],
  ['an Error', new RangeError('bad'), /^RangeError: bad$/],
];

describe('describeError never throws', () => {
  test.each(VALUES)('%s', (_name, value, text) => {
    expect(describeError(value)).toMatch(text);
  });
});

class Thrower {
  *call(v: unknown): Op<void> {
    yield* compute(1);
    throw v;
  }
}

test.each(VALUES)(
  'a thread that throws %s fails, and its call still exits',
  (_name, value, text) => {
    const sim = createSimulation({ seed: 1, cpus: 1 });
    const events: { type: string; method?: string; error?: string | null }[] = [];
    sim.events$.subscribe((e) => events.push(e));
    const obj = sim.objects.create(Thrower);
    sim.spawn('t', function* () {
      yield* obj.call(value);
    });
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(r.threads.failed).toBe(1);
    const exited = events.filter((e) => e.type === 'call.exited' && e.method === 'call');
    expect(exited).toHaveLength(1);
    expect(exited[0].error).toMatch(text);
    expect(events.find((e) => e.type === 'thread.failed')?.error).toMatch(text);
  },
);
