import { describe, expect, test } from 'vitest';
import { measureParallelSpeedup } from '../../src/experiments/index.ts';

describe('measureParallelSpeedup', () => {
  test('times serial and parallel runs alternately and checks the results are identical', async () => {
    const m = await measureParallelSpeedup(
      {
        lifetimes: ['exp:4'],
        cpus: [1, 2],
        detectors: ['k42', 'event'],
        seeds: 2,
        threadsPerCpu: 20,
        requests: 4,
      },
      { workers: 2, repeats: 2 },
    );
    expect(m.runs).toBe(8);
    expect(m.workers).toBe(2);
    expect(m.serialMs).toHaveLength(2);
    expect(m.parallelMs).toHaveLength(2);
    expect(m.serialCpuMs).toHaveLength(2);
    expect(m.parallelCpuMs.every((ms) => ms > 0)).toBe(true);
    expect(m.identical).toBe(true);
    expect(m.speedup).toBeGreaterThan(0);
    expect(Number.isFinite(m.loadAverageBefore)).toBe(true);
  });
});
