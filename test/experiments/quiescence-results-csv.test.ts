import { describe, expect, test } from 'vitest';
import {
  QUIESCENCE_CSV_COLUMNS,
  quiescenceCsv,
  type QuiescencePointSummary,
} from '../../src/experiments/index.ts';

const row = (over: Partial<QuiescencePointSummary>): QuiescencePointSummary => ({
  point: 0,
  series: 'event',
  detector: 'event',
  pollTicks: null,
  cpus: 4,
  gapPerCpuTicks: 8,
  lifetime: 'exp:10',
  lifetimeMeanTicks: 10,
  runs: 2,
  runsFailed: 0,
  requests: 40,
  unreached: 0,
  latencyMedianTicks: 3,
  latencyP99Ticks: 9,
  latencyMaxTicks: 11,
  lagMedianTicks: 0,
  lagP99Ticks: 0,
  lagMaxTicks: 0,
  threadsCompleted: 600,
  simulatedTicks: 5000,
  throughputThreadsPerKtick: 120,
  ...over,
});

describe('quiescenceCsv', () => {
  test('a header of the summary fields, one row per point, null as an empty cell, LF and a final newline', () => {
    const csv = quiescenceCsv([
      row({}),
      row({
        point: 1,
        series: 'k42/poll=5',
        detector: 'k42',
        pollTicks: 5,
        latencyMedianTicks: null,
      }),
    ]);
    const lines = csv.split('\n');
    expect(lines[0]).toBe(QUIESCENCE_CSV_COLUMNS.join(','));
    expect(lines[1]).toBe('0,event,event,,4,8,exp:10,10,2,0,40,0,3,9,11,0,0,0,600,5000,120');
    expect(lines[2]).toBe('1,k42/poll=5,k42,5,4,8,exp:10,10,2,0,40,0,,9,11,0,0,0,600,5000,120');
    expect(lines[3]).toBe('');
    expect(lines).toHaveLength(4);
  });

  test('quotes cells holding commas or quotes', () => {
    const csv = quiescenceCsv([row({ series: 'a,"b"' })]);
    expect(csv.split('\n')[1]).toContain('"a,""b"""');
  });
});
