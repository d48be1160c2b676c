/**
 * summaryTable: the figures as a fixed-width text table for the terminal,
 * and the one-line form printed as each figure is measured.
 */
import {
  formatGoal,
  formatMet,
  formatRatio,
  formatValue,
  type BenchFigure,
} from './bench-figure.ts';

const HEAD = ['group', 'figure', 'value', 'baseline', 'ratio', 'goal', 'status'];

export function figureRow(f: BenchFigure): string[] {
  return [
    f.group,
    f.name,
    formatValue(f.value, f.unit),
    f.baseline === null ? '' : formatValue(f.baseline.value, f.unit),
    formatRatio(f.ratio),
    formatGoal(f.goal),
    formatMet(f.met),
  ];
}

export function figureLine(f: BenchFigure): string {
  const base =
    f.baseline === null
      ? ''
      : `  vs ${f.baseline.name} ${formatValue(f.baseline.value, f.unit)} = ${formatRatio(f.ratio)}`;
  const goal = f.goal === null ? '' : `  [goal ${formatGoal(f.goal)}: ${formatMet(f.met)}]`;
  return `  ${f.name}: ${formatValue(f.value, f.unit)}${base}${goal}${f.note ? `\n      ${f.note}` : ''}`;
}

export function summaryTable(figures: readonly BenchFigure[]): string {
  const rows = [HEAD, ...figures.map(figureRow)];
  const widths = HEAD.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: readonly string[]) =>
    r
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  return [line(HEAD), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join(
    '\n',
  );
}
