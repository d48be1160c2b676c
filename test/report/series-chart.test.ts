import { describe, expect, test } from 'vitest';
import { seriesChartHtml } from '../../src/report/series-chart.ts';

describe('seriesChartHtml', () => {
  test('one polyline per series, points scaled to the shared axes, names escaped', () => {
    const html = seriesChartHtml({ 'a<b': [0, 10], flat: [5, 5, 5] });
    const lines = [
      ...html.matchAll(/<polyline data-series="([^"]*)" data-values="([^"]*)" points="([^"]*)"/g),
    ];
    expect(lines.map((m) => [m[1], m[2]])).toEqual([
      ['a&lt;b', '0 10'],
      ['flat', '5 5 5'],
    ]);
    // x spans the 3 indices; y from 0 (bottom, y=164) to 10 (top, y=36)
    expect(lines[0][3]).toBe('36.0,164.0 240.0,36.0');
    expect(lines[1][3]).toBe('36.0,100.0 240.0,100.0 444.0,100.0');
  });

  test('no series, or only empty ones: nothing', () => {
    expect(seriesChartHtml(undefined)).toBe('');
    expect(seriesChartHtml({ empty: [] })).toBe('');
  });
});
