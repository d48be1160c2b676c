import { describe, expect, test } from 'vitest';
import { compute, createSimulation, defineScenario, runScenario, sleep, type Op } from 'kernel-sim';
import { EventBus } from '../../src/kernel/index.ts';
import { TranslationTable } from '../../src/translation-table/index.ts';

class Cache {
  hits = 0;
  *get(key: number): Op<number> {
    yield* compute(1);
    this.hits++;
    return key;
  }
  count(): number {
    return this.hits;
  }
}

function scenario(body: 'forgot' | 'forgot-last' | 'fine' | 'spawned-body') {
  return defineScenario({
    name: `unrun-${body}`,
    description: 'a thread calls a generator method',
    setup(sim) {
      const cache = sim.objects.createNamed('cache', Cache);
      sim.spawn('reader', function* () {
        if (body === 'forgot') {
          cache.get(1); // the mistake: no yield*
          yield* sleep(1);
          yield* cache.get(2);
        } else if (body === 'forgot-last') {
          yield* cache.get(2);
          cache.get(1);
        } else if (body === 'spawned-body') {
          sim.spawn('child', () => cache.get(3));
          yield* sleep(1);
        } else {
          const op = cache.get(1);
          yield* op;
        }
      });
      return cache;
    },
  });
}

describe('a generator call never run (missing yield*)', () => {
  test('fails the thread at the end of its step, naming the thread and object.method', () => {
    const r = runScenario(scenario('forgot'), { seed: 1 });
    expect(r.failedThreads).toHaveLength(1);
    expect(r.failedThreads[0].name).toBe('reader');
    expect(r.failedThreads[0].error).toMatch(
      /^MissingYieldError: missing yield\*\? thread 'reader' called cache\.get\(\), a generator method of object 'cache' \(Cache, id \d+\), and never ran it: write `yield\* cache\.get\(\.\.\.\)`/,
    );
    // thrown at the step's end: the thread made no further call
    expect(r.calls.byObject['cache'] ?? 0).toBe(0);
  });

  test('in the last step of a thread too (the thread fails instead of exiting)', () => {
    const r = runScenario(scenario('forgot-last'), { seed: 1 });
    expect(r.threads.failed).toBe(1);
    expect(r.failedThreads[0].error).toContain(
      "missing yield*? thread 'reader' called cache.get()",
    );
  });

  test("under onFailedThread 'fail' the run fails with that reason", () => {
    const r = runScenario(scenario('forgot'), { seed: 1, onFailedThread: 'fail' });
    expect(r.outcome).toBe('correctness');
    expect(r.reason).toContain('missing yield*?');
  });

  test('a call run later in its step, or returned as a spawned thread body, is no mistake', () => {
    for (const body of ['fine', 'spawned-body'] as const) {
      const r = runScenario(scenario(body), { seed: 1 });
      expect(r.failedThreads, body).toEqual([]);
      expect(r.calls.byObject['cache'], body).toBe(1);
    }
  });
});

describe('one translation table per kernel', () => {
  test("a second table on the same kernel is refused: it would take the first one's missing-yield* hook", () => {
    const sim = createSimulation({ seed: 1 });
    expect(() => new TranslationTable(sim.kernel, new EventBus(sim.kernel))).toThrow(
      /this kernel already has a table; make a new kernel \(or simulation\) for another/,
    );
  });
});
