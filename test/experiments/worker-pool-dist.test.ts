/**
 * The worker pool from compiled JavaScript: compile src/experiments (and what
 * it imports) with the project's build settings into a scratch folder under
 * out/, run a sweep on 2 workers there with plain `node` (no jiti, no
 * vitest), and compare with the serial in-process run from source.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import {
  runQuiescenceExperiment,
  type QuiescenceExperimentOptions,
} from '../../src/experiments/index.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRATCH = join(ROOT, 'out', `experiments-dist-test-${process.pid}`);
const SWEEP: QuiescenceExperimentOptions = {
  lifetimes: ['exp:6', 'bimodal:4:150:0.05'],
  cpus: [2],
  pollsTicks: [3],
  seeds: 3,
  threadsPerCpu: 25,
  requests: 5,
};

afterAll(async () => {
  await rm(SCRATCH, { recursive: true, force: true });
});

describe('WorkerPool from compiled dist (node, no TypeScript loader)', () => {
  test('a sweep on 2 workers from the compiled JS equals the serial run from source', async () => {
    await mkdir(SCRATCH, { recursive: true });
    const tsconfig = join(SCRATCH, 'tsconfig.json');
    await writeFile(
      tsconfig,
      JSON.stringify({
        extends: join(ROOT, 'tsconfig.build.json'),
        compilerOptions: {
          rootDir: join(ROOT, 'src'),
          outDir: join(SCRATCH, 'dist'),
          declaration: false,
          sourceMap: false,
        },
        include: [
          join(ROOT, 'src/experiments/index.ts'),
          join(ROOT, 'src/experiments/worker-entry.ts'),
        ],
      }),
    );
    // Type errors elsewhere in a tree under edit must not hide the emit we test; the emit must exist.
    await run(process.execPath, [
      join(ROOT, 'node_modules/typescript/bin/tsc'),
      '-p',
      tsconfig,
    ]).catch(() => undefined);
    const entry = join(SCRATCH, 'dist/experiments/worker-entry.js');
    expect(existsSync(entry), `tsc did not emit ${entry}`).toBe(true);
    const script = join(SCRATCH, 'sweep.mjs');
    await writeFile(
      script,
      [
        `import { runQuiescenceExperiment } from './dist/experiments/index.js';`,
        `const r = await runQuiescenceExperiment(${JSON.stringify({ ...SWEEP, workers: 2 })});`,
        `process.stdout.write(JSON.stringify({ points: r.points, runs: r.runs, workers: r.timing.workers, entry: import.meta.url }));`,
      ].join('\n'),
    );
    const { stdout } = await run(process.execPath, [script], {
      cwd: SCRATCH,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    const fromDist = JSON.parse(stdout);
    const serial = await runQuiescenceExperiment({ ...SWEEP, workers: 0 });
    expect(fromDist.workers).toBe(2);
    expect(fromDist.points).toEqual(JSON.parse(JSON.stringify(serial.points)));
    expect(fromDist.runs).toEqual(JSON.parse(JSON.stringify(serial.runs)));
  }, 240_000);
});
