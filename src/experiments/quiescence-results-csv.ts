/**
 * quiescenceCsv: the per-point summaries as CSV (RFC 4180: comma separated,
 * a header row, fields quoted only when they hold a comma, quote or newline,
 * LF line ends, a final newline). Columns are the QuiescencePointSummary
 * fields in declaration order; null is an empty cell.
 *
 * Invariant: the same summaries give the same bytes.
 */
import type { QuiescencePointSummary } from './quiescence-point-summary.ts';

export const QUIESCENCE_CSV_COLUMNS = [
  'point',
  'series',
  'detector',
  'pollTicks',
  'cpus',
  'gapPerCpuTicks',
  'lifetime',
  'lifetimeMeanTicks',
  'runs',
  'runsFailed',
  'requests',
  'unreached',
  'latencyMedianTicks',
  'latencyP99Ticks',
  'latencyMaxTicks',
  'lagMedianTicks',
  'lagP99Ticks',
  'lagMaxTicks',
  'threadsCompleted',
  'simulatedTicks',
  'throughputThreadsPerKtick',
] as const satisfies readonly (keyof QuiescencePointSummary)[];

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function quiescenceCsv(points: readonly QuiescencePointSummary[]): string {
  const rows = points.map((p) => QUIESCENCE_CSV_COLUMNS.map((c) => cell(p[c])).join(','));
  return [QUIESCENCE_CSV_COLUMNS.join(','), ...rows].join('\n') + '\n';
}
