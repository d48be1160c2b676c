import { describe, expect, test } from 'vitest';
import { LatencyHistogram } from 'kernel-sim';

describe('LatencyHistogram', () => {
  test('exact nearest-rank percentiles and power-of-two buckets', () => {
    const h = new LatencyHistogram();
    for (let t = 1; t <= 100; t++) h.record(t);
    expect(h.summary()).toEqual({
      count: 100,
      min: 1,
      p50: 50,
      p90: 90,
      p99: 99,
      max: 100,
      mean: 50.5,
      buckets: [
        { ticksMin: 0, ticksMax: 0, count: 0 },
        { ticksMin: 1, ticksMax: 1, count: 1 },
        { ticksMin: 2, ticksMax: 3, count: 2 },
        { ticksMin: 4, ticksMax: 7, count: 4 },
        { ticksMin: 8, ticksMax: 15, count: 8 },
        { ticksMin: 16, ticksMax: 31, count: 16 },
        { ticksMin: 32, ticksMax: 63, count: 32 },
        { ticksMin: 64, ticksMax: 127, count: 37 },
      ],
    });
  });

  test('repeated durations, a skewed tail, and the empty histogram', () => {
    const h = new LatencyHistogram();
    for (let i = 0; i < 95; i++) h.record(2);
    for (let i = 0; i < 5; i++) h.record(40);
    expect([
      h.percentile(50),
      h.percentile(90),
      h.percentile(95),
      h.percentile(96),
      h.percentile(99),
    ]).toEqual([2, 2, 2, 40, 40]);
    expect(new LatencyHistogram().summary()).toEqual({
      count: 0,
      min: 0,
      p50: 0,
      p90: 0,
      p99: 0,
      max: 0,
      mean: 0,
      buckets: [],
    });
  });
});
