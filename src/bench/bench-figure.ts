/**
 * BenchFigure: one measured figure of the benchmark suite, with the baseline
 * it was measured against in the same process, the ratio, and the goal.
 *
 * Interface: `figure({...})` builds one and decides `met` from the goal:
 * a goal is `{ on: 'ratio' | 'value', op: '<=' | '<' | '>=', limit }`. A
 * figure without a goal is informational (`met` is null). `formatValue`
 * prints a value with its unit at a sensible precision.
 *
 * Invariant: `ratio` is `value / baseline.value` when there is a baseline,
 * else null; nothing here measures: the benchmark files do.
 */
export type GoalOp = '<=' | '<' | '>=';

export interface Goal {
  /** What the limit applies to: the ratio to the baseline, or the value itself. */
  readonly on: 'ratio' | 'value';
  readonly op: GoalOp;
  readonly limit: number;
}

export interface Baseline {
  readonly name: string;
  readonly value: number;
}

export interface BenchFigure {
  readonly group: string;
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline: Baseline | null;
  readonly ratio: number | null;
  readonly goal: Goal | null;
  /** true / false against the goal; null when there is no goal. */
  readonly met: boolean | null;
  readonly note: string;
}

export interface FigureSpec {
  readonly group: string;
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline?: Baseline;
  readonly goal?: Goal;
  readonly note?: string;
}

function holds(x: number, op: GoalOp, limit: number): boolean {
  if (!Number.isFinite(x)) return false;
  return op === '<=' ? x <= limit : op === '<' ? x < limit : x >= limit;
}

export function figure(spec: FigureSpec): BenchFigure {
  const baseline = spec.baseline ?? null;
  const ratio = baseline === null ? null : spec.value / baseline.value;
  const goal = spec.goal ?? null;
  let met: boolean | null = null;
  if (goal !== null)
    met = holds(goal.on === 'ratio' ? (ratio ?? NaN) : spec.value, goal.op, goal.limit);
  return {
    group: spec.group,
    name: spec.name,
    value: spec.value,
    unit: spec.unit,
    baseline,
    ratio,
    goal,
    met,
    note: spec.note ?? '',
  };
}

/** A number at 3 significant digits (integers above 1000 in full, with thin grouping). */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toLocaleString('en-US');
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  return x.toPrecision(3);
}

export function formatValue(x: number, unit: string): string {
  return unit === '' ? formatNumber(x) : `${formatNumber(x)} ${unit}`;
}

export function formatGoal(goal: Goal | null): string {
  if (goal === null) return '';
  return `${goal.on === 'ratio' ? 'ratio' : 'value'} ${goal.op} ${formatNumber(goal.limit)}`;
}

export function formatRatio(ratio: number | null): string {
  return ratio === null ? '' : `${formatNumber(ratio)}x`;
}

export function formatMet(met: boolean | null): string {
  return met === null ? 'info' : met ? 'met' : 'MISSED';
}
