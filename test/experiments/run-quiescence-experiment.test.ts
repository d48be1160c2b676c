import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  runQuiescenceExperiment,
  type QuiescenceExperimentOptions,
  type QuiescenceProgress,
} from '../../src/experiments/index.ts';

const SWEEP: QuiescenceExperimentOptions = {
  lifetimes: ['exp:5', 'bimodal:5:200:0.05'],
  cpus: [1, 3],
  detectors: ['k42', 'event', 'oracle'],
  pollsTicks: [2, 9],
  gapsPerCpuTicks: [3],
  seeds: 3,
  threadsPerCpu: 30,
  requests: 6,
};

const dirs: string[] = [];
async function outDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'ks-quiescence-'));
  dirs.push(d);
  return d;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function files(dir: string): Promise<Map<string, string>> {
  const names = (await readdir(dir)).sort();
  return new Map(
    await Promise.all(
      names.map(async (n) => [n, await readFile(join(dir, n), 'utf8')] as [string, string]),
    ),
  );
}

describe('runQuiescenceExperiment', () => {
  test('parallel (2 workers) gives exactly the serial results, and the same file bytes except timing', async () => {
    const [serialDir, parallelDir] = [await outDir(), await outDir()];
    const progress: QuiescenceProgress[] = [];
    const serial = await runQuiescenceExperiment(
      { ...SWEEP, workers: 0, outDir: serialDir },
      { onProgress: (p) => progress.push(p) },
    );
    const parallel = await runQuiescenceExperiment({ ...SWEEP, workers: 2, outDir: parallelDir });
    expect(serial.points).toHaveLength(16);
    expect(serial.runs).toHaveLength(48);
    expect(parallel.points).toEqual(serial.points);
    expect(parallel.runs).toEqual(serial.runs);
    expect([serial.timing.workers, parallel.timing.workers]).toEqual([0, 2]);

    const [a, b] = [await files(serialDir), await files(parallelDir)];
    expect([...a.keys()]).toEqual([
      'quiescence-lag.svg',
      'quiescence-lag.vl.json',
      'quiescence-latency.svg',
      'quiescence-latency.vl.json',
      'quiescence-timing.json',
      'quiescence.csv',
      'quiescence.json',
    ]);
    for (const [name, text] of a)
      if (name !== 'quiescence-timing.json') expect(b.get(name), name).toBe(text);
    expect(JSON.parse(b.get('quiescence-timing.json')!).workers).toBe(2);

    expect(progress.map((p) => p.done)).toEqual(serial.runs.map((_, i) => i + 1));
    expect(progress.every((p) => p.total === 48)).toBe(true);
    expect(progress[0]).toMatchObject({ point: 0, seed: 1 });
  });

  test('the JSON holds the resolved sweep, the points and the runs; the CSV one row per point', async () => {
    const dir = await outDir();
    const r = await runQuiescenceExperiment({ ...SWEEP, cpus: [2], workers: 0, outDir: dir });
    const json = JSON.parse(await readFile(join(dir, 'quiescence.json'), 'utf8'));
    expect(json.experiment).toBe('quiescence');
    expect(json.sweep.lifetimes).toEqual(['exp:5', 'bimodal:5:200:0.05']);
    expect(json.points).toEqual(r.points);
    expect(json.runs).toEqual(r.runs);
    const csv = (await readFile(join(dir, 'quiescence.csv'), 'utf8')).trimEnd().split('\n');
    expect(csv).toHaveLength(1 + r.points.length);
    expect(r.files).toContain(join(dir, 'quiescence-latency.svg'));
    // The figures' shape: event and oracle agree, k42 lags; nothing is left unreached.
    for (const p of r.points) {
      expect(p.unreached).toBe(0);
      expect(p.runsFailed).toBe(0);
      if (p.detector !== 'k42') expect(p.lagMaxTicks).toBe(0);
    }
    const k42 = r.points.filter((p) => p.detector === 'k42');
    expect(k42.some((p) => p.lagMaxTicks! > 0)).toBe(true);
  });

  test('without outDir nothing is written; bad options are refused before any run', async () => {
    const r = await runQuiescenceExperiment({
      ...SWEEP,
      cpus: [1],
      lifetimes: ['fixed:3'],
      seeds: 1,
      workers: 0,
    });
    expect(r.files).toEqual([]);
    await expect(runQuiescenceExperiment({ workers: -1 })).rejects.toThrow(
      /workers must be an integer >= 0/,
    );
    await expect(runQuiescenceExperiment({ cpus: [99] })).rejects.toThrow(
      /cpus must be an integer from 1 to 64/,
    );
  });
});
