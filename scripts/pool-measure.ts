/**
 * pool-measure: the hand-written WorkerPool (src/experiments/worker-pool.ts)
 * against tinypool, on the same tasks and worker count, in one process, in
 * turns (issue 21 item 7; the result is in docs/ARCHITECTURE.md).
 *
 *   npm run build && npm install --no-save tinypool@1.1.1
 *   node --import jiti/register scripts/pool-measure.ts [workers=2] [rounds=3]
 *
 * Two workloads (scripts/pool-measure-task.mjs): `echo` x 20,000 (a pool's own
 * cost per task) and `runSeed` x 400 (a seeded hot-swap run, about a check
 * seed's length). Prints wall ms per task, least of `rounds`, and checks that
 * both pools return the same results in the same order.
 */
import { isDeepStrictEqual } from 'node:util';
import { performance } from 'node:perf_hooks';

const workers = Number(process.argv[2] ?? 2);
const rounds = Number(process.argv[3] ?? 3);
const taskUrl = new URL('./pool-measure-task.mjs', import.meta.url).href;

const { WorkerPool } = (await import(
  new URL('../dist/experiments/index.js', import.meta.url).href
)) as typeof import('../src/experiments/index.ts');
/** The part of tinypool's API used here (tinypool is not a dependency: installed only to measure). */
interface TinypoolLike {
  run(input: unknown, options: { name: string }): Promise<unknown>;
  destroy(): Promise<void>;
}
type TinypoolClass = new (options: {
  filename: string;
  minThreads: number;
  maxThreads: number;
}) => TinypoolLike;
const tinypoolName = 'tinypool';
let Tinypool: TinypoolClass;
try {
  Tinypool = ((await import(tinypoolName)) as { default: TinypoolClass }).default;
} catch {
  console.error(
    'pool-measure: tinypool is not installed; run `npm install --no-save tinypool@1.1.1` first',
  );
  process.exit(2);
}

type Run = (name: string, inputs: number[]) => Promise<unknown[]>;

const ours: Run = async (name, inputs) => {
  const pool = new WorkerPool<number, unknown>({
    workers,
    task: { url: taskUrl, exportName: name },
  });
  try {
    return await pool.map(inputs);
  } finally {
    await pool.close();
  }
};

const tiny: Run = async (name, inputs) => {
  const pool = new Tinypool({ filename: taskUrl, minThreads: workers, maxThreads: workers });
  try {
    return await Promise.all(inputs.map((x) => pool.run(x, { name })));
  } finally {
    await pool.destroy();
  }
};

async function measure(name: string, n: number): Promise<void> {
  const inputs = Array.from({ length: n }, (_, i) => i + 1);
  const best = { ours: Infinity, tinypool: Infinity };
  let reference: unknown[] | null = null;
  for (let r = 0; r < rounds; r++) {
    for (const [label, run] of [
      ['ours', ours],
      ['tinypool', tiny],
    ] as const) {
      const t0 = performance.now();
      const out = await run(name, inputs);
      best[label] = Math.min(best[label], performance.now() - t0);
      if (reference === null) reference = out;
      else if (!isDeepStrictEqual(out, reference))
        throw new Error(`${label}: results differ from the first run`);
    }
  }
  const per = (ms: number): string => `${((ms * 1000) / n).toFixed(1)} us/task`;
  console.log(
    `${name} x ${n}, ${workers} workers: ours ${best.ours.toFixed(0)} ms (${per(best.ours)}), tinypool ${best.tinypool.toFixed(0)} ms (${per(best.tinypool)}), ours/tinypool ${(best.ours / best.tinypool).toFixed(2)}`,
  );
}

await measure('echo', 20_000);
await measure('runSeed', 400);
