/**
 * writeQuiescenceResults: a quiescence experiment's files in one folder.
 *
 *   quiescence.csv              one row per point (quiescence-results-csv.ts)
 *   quiescence.json             {experiment, sweep, points, runs}: deterministic
 *   quiescence-latency.svg      latency vs thread lifetime per detector
 *   quiescence-latency.vl.json  its vega-lite spec (data inlined)
 *   quiescence-lag.svg/.vl.json lag behind the oracle, likewise
 *   quiescence-timing.json      wall-clock figures (differ run to run)
 *
 * With `plots: false` the SVGs are skipped (their specs are still written).
 * Every file but the timing one is the same bytes for the same sweep,
 * whatever the number of workers. Returns the paths written.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResolvedSweep } from './quiescence-sweep-options.ts';
import type { QuiescencePointSummary } from './quiescence-point-summary.ts';
import type { QuiescenceRunRecord } from './quiescence-run.ts';
import { quiescenceCsv } from './quiescence-results-csv.ts';
import { quiescencePlotSpec, type PlotMetric } from './quiescence-plot-spec.ts';
import { renderVegaLiteSvg } from './vega-svg.ts';
import { formatLifetime } from './lifetime-notation.ts';

export interface QuiescenceResultsInput {
  readonly sweep: ResolvedSweep;
  readonly points: readonly QuiescencePointSummary[];
  readonly runs: readonly QuiescenceRunRecord[];
  readonly timing: unknown;
}

/** The deterministic JSON document of a result (lifetimes in text notation). */
export function quiescenceJson(result: QuiescenceResultsInput): string {
  const sweep = { ...result.sweep, lifetimes: result.sweep.lifetimes.map(formatLifetime) };
  return (
    JSON.stringify(
      { experiment: 'quiescence', version: 1, sweep, points: result.points, runs: result.runs },
      null,
      2,
    ) + '\n'
  );
}

export async function writeQuiescenceResults(
  result: QuiescenceResultsInput,
  outDir: string,
  { plots = true }: { readonly plots?: boolean } = {},
): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const files: [string, string][] = [
    ['quiescence.csv', quiescenceCsv(result.points)],
    ['quiescence.json', quiescenceJson(result)],
  ];
  for (const metric of ['latency', 'lag'] as PlotMetric[]) {
    const spec = quiescencePlotSpec(result.points, metric);
    files.push([`quiescence-${metric}.vl.json`, JSON.stringify(spec, null, 2) + '\n']);
    if (plots) files.push([`quiescence-${metric}.svg`, (await renderVegaLiteSvg(spec)) + '\n']);
  }
  files.push(['quiescence-timing.json', JSON.stringify(result.timing, null, 2) + '\n']);
  const paths = files.map(([name]) => join(outDir, name));
  await Promise.all(files.map(([name, text]) => writeFile(join(outDir, name), text)));
  return paths;
}
