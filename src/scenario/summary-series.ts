/**
 * ScenarioSummary and readSummary: what a scenario's `summary()` may
 * return. Either lines (`readonly string[]`, as before), or an object with
 * lines and series: `{ lines?: [...], series?: { 'turnaround before': [3, 5, 4], ... } }`,
 * each series a list of finite numbers (y values at x = 0, 1, 2, ...).
 * The report keeps the lines in `summary` and the series in `series`
 * (left out when there are none, so earlier JSON reports are unchanged);
 * `--report` draws the series as a chart beside the timeline
 * (src/report/series-chart.ts).
 *
 * Interface: `readSummary(value)` -> { lines, series }; a value of any
 * other shape throws a TypeError naming what is wrong (the run reports it
 * as `summary() threw ...`, like any summary error).
 */

/** Named series of numbers, each drawn as one line (x = the index). */
export type SummarySeries = Readonly<Record<string, readonly number[]>>;

export interface ScenarioSummary {
  readonly lines?: readonly string[];
  readonly series?: SummarySeries;
}

export function readSummary(value: readonly string[] | ScenarioSummary): {
  lines: string[];
  series: Record<string, number[]>;
} {
  if (Array.isArray(value)) return { lines: value.map(String), series: {} };
  if (typeof value !== 'object' || value === null)
    throw new TypeError(
      `summary() must return lines (string[]) or { lines?, series? }, got ${String(value)}`,
    );
  const { lines, series } = value as ScenarioSummary;
  if (lines !== undefined && !Array.isArray(lines))
    throw new TypeError('summary(): lines must be an array of strings');
  return { lines: (lines ?? []).map(String), series: readSeries(series) };
}

function readSeries(series: SummarySeries | undefined): Record<string, number[]> {
  if (series === undefined) return {};
  if (typeof series !== 'object' || series === null || Array.isArray(series))
    throw new TypeError("summary(): series must be an object { 'name': [numbers] }");
  const out: Record<string, number[]> = {};
  for (const [name, ys] of Object.entries(series)) {
    if (!Array.isArray(ys) || !ys.every((y) => typeof y === 'number' && Number.isFinite(y)))
      throw new TypeError(`summary(): series '${name}' must be an array of finite numbers`);
    out[name] = [...ys];
  }
  return out;
}
