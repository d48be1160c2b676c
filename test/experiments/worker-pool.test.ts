import { afterEach, describe, expect, test } from 'vitest';
import { WorkerPool, taskModule, type TaskModule } from '../../src/experiments/index.ts';

const task = (exportName: string): TaskModule =>
  taskModule(import.meta.url, 'fixtures/pool-tasks', exportName);
const pools: WorkerPool<any, any>[] = [];
function pool<In, Out>(workers: number, exportName: string): WorkerPool<In, Out> {
  const p = new WorkerPool<In, Out>({ workers, task: task(exportName) });
  pools.push(p);
  return p;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('WorkerPool (from TypeScript source, via jiti/register)', () => {
  test("taskModule names a sibling module with the caller's extension", () => {
    expect(taskModule('file:///a/b/x.ts', 'y', 'f')).toEqual({
      url: 'file:///a/b/y.ts',
      exportName: 'f',
    });
    expect(taskModule('file:///a/b/x.js', 'sub/y', 'f')).toEqual({
      url: 'file:///a/b/sub/y.js',
      exportName: 'f',
    });
  });

  test('maps inputs on worker threads and returns outputs in input order', async () => {
    const p = pool<number, { n: number; square: number; inWorker: boolean; threadId: number }>(
      2,
      'square',
    );
    const inputs = Array.from({ length: 20 }, (_, i) => i);
    const finished: number[] = [];
    const out = await p.map(inputs, (i) => finished.push(i));
    expect(out.map((o) => o.square)).toEqual(inputs.map((n) => n * n));
    expect(out.every((o) => o.inWorker)).toBe(true);
    expect(new Set(out.map((o) => o.threadId)).size).toBe(2);
    expect([...finished].sort((a, b) => a - b)).toEqual(inputs);
  });

  test('awaits async task functions, and can map again after a map', async () => {
    const p = pool<number, number>(2, 'asyncDouble');
    expect(await p.map([1, 2, 3])).toEqual([2, 4, 6]);
    expect(await p.map([])).toEqual([]);
    expect(await p.map([5])).toEqual([10]);
  });

  test('a task that throws rejects the map with its error', async () => {
    const p = pool<number, number>(2, 'failOnThree');
    const error = (await p.map([1, 2, 3, 4]).catch((e: unknown) => e)) as Error;
    expect([error.name, error.message]).toEqual(['RangeError', 'three is not allowed']);
    expect(error.stack).toMatch(/^worker task 2 failed: RangeError: three is not allowed/);
  });

  test('a missing export fails the map instead of hanging', async () => {
    const p = pool<number, number>(1, 'notAFunction');
    await expect(p.map([1])).rejects.toThrow(/no exported function 'notAFunction'/);
  });

  test('any number of tasks in flight per worker gives the same outputs in the same order', async () => {
    const inputs = Array.from({ length: 13 }, (_, i) => i);
    for (const inflightPerWorker of [1, 2, 5]) {
      const p = new WorkerPool<number, { square: number }>({
        workers: 2,
        inflightPerWorker,
        task: task('square'),
      });
      pools.push(p);
      expect((await p.map(inputs)).map((o) => o.square)).toEqual(inputs.map((n) => n * n));
    }
    expect(
      () => new WorkerPool({ workers: 1, inflightPerWorker: 0, task: task('square') }),
    ).toThrow(/inflightPerWorker must be an integer >= 1/);
  });

  test('rejects a bad size and a second concurrent map', async () => {
    expect(() => new WorkerPool({ workers: 0, task: task('square') })).toThrow(
      /workers must be an integer >= 1/,
    );
    const p = pool<number, number>(1, 'asyncDouble');
    const first = p.map([1, 2]);
    await expect(p.map([3])).rejects.toThrow(/one map at a time/);
    expect(await first).toEqual([2, 4]);
  });
});
