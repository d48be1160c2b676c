/**
 * quiescencePlotSpec: the vega-lite 6 spec of a sweep's figure, either
 * quiescence latency or lag behind the oracle against thread lifetime, one
 * coloured line per detector series (k42 per poll interval, event, oracle),
 * solid for the median and dashed for p99, y on a symlog scale (latencies
 * span 0 to thousands of ticks) with decade ticks. The oracle is drawn wide
 * and pale, so the event detector's line (equal to it: lag 0) shows inside. Lifetimes are ordinal on x, in order of
 * their mean, so a long-tailed bimodal distribution sits beside the
 * exponential of similar mean. Several CPU counts or arrival gaps facet the
 * figure into columns and rows.
 *
 * Invariant: a pure function of the summaries (the data is inlined), so the
 * saved .vl.json reproduces the SVG on its own.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { QuiescencePointSummary } from './quiescence-point-summary.ts';

export type PlotMetric = 'latency' | 'lag';

const TITLES: Record<PlotMetric, { title: string; y: string }> = {
  latency: {
    title: 'Quiescence latency vs thread lifetime',
    y: 'latency (ticks, request to reached)',
  },
  lag: { title: 'Lag behind the oracle vs thread lifetime', y: 'lag behind oracle (ticks)' },
};

const SUBTITLE = 'solid: median, dashed: p99; the wide pale line is the oracle';
const DECADES = [0, 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

export function quiescencePlotSpec(
  points: readonly QuiescencePointSummary[],
  metric: PlotMetric,
): TopLevelSpec {
  const values = points.flatMap((p) => {
    const [median, p99] =
      metric === 'latency'
        ? [p.latencyMedianTicks, p.latencyP99Ticks]
        : [p.lagMedianTicks, p.lagP99Ticks];
    const base = {
      series: p.series,
      cpus: p.cpus,
      gapPerCpuTicks: p.gapPerCpuTicks,
      lifetime: p.lifetime,
    };
    return [
      { ...base, statistic: 'median', ticks: median },
      { ...base, statistic: 'p99', ticks: p99 },
    ].filter((v) => v.ticks !== null);
  });
  const lifetimes = [
    ...new Map(points.map((p) => [p.lifetime, p.lifetimeMeanTicks])).entries(),
  ].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  const series = [...new Set(points.map((p) => p.series))];
  const maxTicks = Math.max(0, ...values.map((v) => v.ticks ?? 0));
  const facetCpus = new Set(points.map((p) => p.cpus)).size > 1;
  const facetGaps = new Set(points.map((p) => p.gapPerCpuTicks)).size > 1;
  const layer = {
    mark: { type: 'line', point: true },
    encoding: {
      x: {
        field: 'lifetime',
        type: 'nominal',
        sort: lifetimes.map(([l]) => l),
        title: 'thread lifetime (ordered by mean)',
        axis: { labelAngle: -30 },
      },
      y: {
        field: 'ticks',
        type: 'quantitative',
        scale: { type: 'symlog' },
        axis: { values: DECADES.filter((d) => d <= Math.max(10, maxTicks) * 10) },
        title: TITLES[metric].y,
      },
      color: { field: 'series', type: 'nominal', sort: series, title: 'detector' },
      strokeDash: {
        field: 'statistic',
        type: 'nominal',
        sort: ['median', 'p99'],
        title: 'statistic',
        legend: { symbolType: 'stroke', symbolStrokeColor: 'black' },
      },
      strokeWidth: { condition: { test: "datum.series === 'oracle'", value: 6 }, value: 1.5 },
      opacity: { condition: { test: "datum.series === 'oracle'", value: 0.45 }, value: 1 },
      tooltip: [
        { field: 'series' },
        { field: 'lifetime' },
        { field: 'statistic' },
        { field: 'ticks', type: 'quantitative' },
      ],
    },
  };
  const facet: Record<string, unknown> = {};
  if (facetCpus) facet.column = { field: 'cpus', type: 'ordinal', title: 'CPUs' };
  if (facetGaps)
    facet.row = {
      field: 'gapPerCpuTicks',
      type: 'ordinal',
      title: 'mean arrival gap per CPU (ticks)',
    };
  const common = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: TITLES[metric].title, subtitle: SUBTITLE },
    data: { values },
    background: 'white',
  };
  if (!facetCpus && !facetGaps)
    return { ...common, width: 420, height: 280, ...layer } as TopLevelSpec;
  return { ...common, facet, spec: { width: 220, height: 200, ...layer } } as TopLevelSpec;
}
