/**
 * Strategy experiment results as files: `strategies.csv` (one row per
 * workload and strategy), `strategies.json` (the whole deterministic
 * result: options, summaries, every run), and per figure a vega-lite spec
 * and its SVG: `strategies-pause.svg` (mean ticks callers spent held per
 * run), `strategies-update.svg` (mean ticks from request to completion).
 *
 * Interface: `strategiesCsv(rows)`, `strategiesJson(result)`,
 * `strategyPlotSpec(rows, metric)`, `writeStrategyResults(result, outDir,
 * {plots})` -> the paths written.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import type { StrategyRunRecord } from './strategy-run.ts';
import type { StrategySummary } from './strategy-summary.ts';
import { renderVegaLiteSvg } from './vega-svg.ts';

export interface StrategyResultsInput {
  readonly workloads: readonly string[];
  readonly strategies: readonly string[];
  readonly seeds: readonly number[];
  readonly summaries: readonly StrategySummary[];
  readonly runs: readonly StrategyRunRecord[];
}

export const STRATEGIES_CSV_COLUMNS = [
  'workload',
  'strategy',
  'runs',
  'passed',
  'violationRuns',
  'swapsCompleted',
  'swapsAborted',
  'updateTicksMean',
  'heldCallsMean',
  'heldTicksMean',
  'heldTicksMax',
  'pauseTicksMean',
  'dipMean',
  'refusedPointsMean',
  'rolledBackMean',
  'rolledBackTicksMean',
  'steadyOverheadMean',
] as const satisfies readonly (keyof StrategySummary)[];

export function strategiesCsv(rows: readonly StrategySummary[]): string {
  const lines = [STRATEGIES_CSV_COLUMNS.join(',')];
  for (const r of rows) lines.push(STRATEGIES_CSV_COLUMNS.map((c) => String(r[c])).join(','));
  return lines.join('\n') + '\n';
}

export function strategiesJson(result: StrategyResultsInput): string {
  return JSON.stringify({ experiment: 'strategies', version: 1, ...result }, null, 2) + '\n';
}

export type StrategyMetric = 'pause' | 'update';

const METRICS: Record<StrategyMetric, { field: keyof StrategySummary; title: string }> = {
  pause: { field: 'pauseTicksMean', title: 'ticks callers spent held, per run (mean)' },
  update: { field: 'updateTicksMean', title: 'ticks from request to completion (mean)' },
};

/** Grouped bars: one group per workload, one bar per strategy. */
export function strategyPlotSpec(
  rows: readonly StrategySummary[],
  metric: StrategyMetric,
): TopLevelSpec {
  const m = METRICS[metric];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `Update strategies: ${m.title}`,
    data: {
      values: rows.map((r) => ({ workload: r.workload, strategy: r.strategy, value: r[m.field] })),
    },
    mark: 'bar',
    width: 120,
    height: 200,
    encoding: {
      column: { field: 'workload', type: 'nominal', title: null },
      x: { field: 'strategy', type: 'nominal', title: null, sort: null },
      y: { field: 'value', type: 'quantitative', title: m.title },
      color: { field: 'strategy', type: 'nominal', sort: null },
    },
  };
}

export async function writeStrategyResults(
  result: StrategyResultsInput,
  outDir: string,
  { plots = true }: { readonly plots?: boolean } = {},
): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const files: [string, string][] = [
    ['strategies.csv', strategiesCsv(result.summaries)],
    ['strategies.json', strategiesJson(result)],
  ];
  for (const metric of ['pause', 'update'] as StrategyMetric[]) {
    const spec = strategyPlotSpec(result.summaries, metric);
    files.push([`strategies-${metric}.vl.json`, JSON.stringify(spec, null, 2) + '\n']);
    if (plots) files.push([`strategies-${metric}.svg`, (await renderVegaLiteSvg(spec)) + '\n']);
  }
  const paths = files.map(([name]) => join(outDir, name));
  await Promise.all(files.map(([, text], i) => writeFile(paths[i], text)));
  return paths;
}
