/**
 * The quiescence experiment's mediation arm (src/experiments/
 * mediation-comparison.ts): deterministic per seed; on one CPU (which has a
 * rep: calls reached the object before the swap) per-CPU mediation is global
 * mediation, tick for tick; on several CPUs it is not.
 */
import { describe, expect, test } from 'vitest';
import {
  mediationTable,
  runMediationComparison,
  summarizeMediation,
} from '../../src/experiments/index.ts';

const base = {
  mediations: ['global', 'per-cpu'] as const,
  seeds: 2,
  lifetime: { kind: 'exponential', mean: 12 } as const,
  gapPerCpuTicks: 16,
  threadsPerCpu: 60,
  ticksMax: 200_000,
};

describe('mediation arm', () => {
  test('one CPU: per-CPU equals global; four CPUs: both complete, and they differ', () => {
    const one = runMediationComparison({ ...base, cpus: [1] });
    const [g, p] = [0, 1].map((m) => one.filter((r) => r.mediation === base.mediations[m]));
    expect(g.map((r) => r.outcome)).toEqual(['completed', 'completed']);
    expect(p.map(({ mediation: _, ...r }) => r)).toEqual(g.map(({ mediation: _, ...r }) => r));
    const four = runMediationComparison({ ...base, cpus: [4] });
    expect(four.every((r) => r.outcome === 'completed')).toBe(true);
    const arm = (m: string) => four.filter((r) => r.mediation === m);
    expect(arm('per-cpu').map((r) => [r.toCompleteTicks, r.held, r.forwarded])).not.toEqual(
      arm('global').map((r) => [r.toCompleteTicks, r.held, r.forwarded]),
    );
    expect(runMediationComparison({ ...base, cpus: [4] })).toEqual(four);
  });

  test('the summary has a row per (cpus, mediation) and the table renders it', () => {
    const rows = summarizeMediation(runMediationComparison({ ...base, cpus: [2] }));
    expect(rows.map((r) => `${r.cpus} ${r.mediation} ${r.completed}/${r.runs}`)).toEqual([
      '2 global 2/2',
      '2 per-cpu 2/2',
    ]);
    const table = mediationTable(rows);
    expect(table).toHaveLength(4);
    expect(table[2]).toMatch(/^\| 2 \| global \| 2\/2 \| \d+ \/ \d+ \| \d+ \|/);
  });
});
