import { describe, expect, test } from 'vitest';
import { quiescencePlotSpec, type QuiescencePointSummary } from '../../src/experiments/index.ts';

function point(
  series: string,
  lifetime: string,
  mean: number,
  cpus = 4,
  gapPerCpuTicks = 8,
): QuiescencePointSummary {
  return {
    point: 0,
    series,
    detector: 'event',
    pollTicks: null,
    cpus,
    gapPerCpuTicks,
    lifetime,
    lifetimeMeanTicks: mean,
    runs: 1,
    runsFailed: 0,
    requests: 1,
    unreached: 0,
    latencyMedianTicks: mean,
    latencyP99Ticks: 2 * mean,
    latencyMaxTicks: 2 * mean,
    lagMedianTicks: 0,
    lagP99Ticks: 1,
    lagMaxTicks: 1,
    threadsCompleted: 1,
    simulatedTicks: 1,
    throughputThreadsPerKtick: 1,
  };
}

describe('quiescencePlotSpec', () => {
  test('one line per series and statistic, lifetimes on x in order of their mean, data inlined', () => {
    const spec = quiescencePlotSpec(
      [
        point('event', 'exp:40', 40),
        point('event', 'bimodal:5:500:0.02', 14.9),
        point('k42/poll=5', 'exp:40', 40),
      ],
      'latency',
    ) as any;
    expect(spec.$schema).toMatch(/vega-lite\/v6/);
    expect(spec.title.text).toBe('Quiescence latency vs thread lifetime');
    expect(spec.encoding.x.sort).toEqual(['bimodal:5:500:0.02', 'exp:40']);
    expect(spec.encoding.color.sort).toEqual(['event', 'k42/poll=5']);
    expect(spec.encoding.y.scale.type).toBe('symlog');
    expect(spec.data.values).toContainEqual({
      series: 'event',
      cpus: 4,
      gapPerCpuTicks: 8,
      lifetime: 'exp:40',
      statistic: 'p99',
      ticks: 80,
    });
    expect(spec.data.values).toHaveLength(6);
    expect(spec.facet).toBeUndefined();
  });

  test('the lag figure plots lag; nulls are left out', () => {
    const p = { ...point('event', 'exp:40', 40), lagMedianTicks: null, lagP99Ticks: 7 };
    const spec = quiescencePlotSpec([p], 'lag') as any;
    expect(spec.title.text).toMatch(/Lag behind the oracle/);
    expect(spec.data.values).toEqual([
      {
        series: 'event',
        cpus: 4,
        gapPerCpuTicks: 8,
        lifetime: 'exp:40',
        statistic: 'p99',
        ticks: 7,
      },
    ]);
  });

  test('several CPU counts and gaps facet into columns and rows', () => {
    const spec = quiescencePlotSpec(
      [point('event', 'exp:4', 4, 1, 2), point('event', 'exp:4', 4, 8, 4)],
      'latency',
    ) as any;
    expect(spec.facet.column.field).toBe('cpus');
    expect(spec.facet.row.field).toBe('gapPerCpuTicks');
    expect(spec.spec.mark.type).toBe('line');
  });
});
