/**
 * Planted bugs (scenarios/planted/): what each schedule finds, as seeds to
 * the first failure. Seeds are cut into blocks of BLOCK (1..200,
 * 201..400, ...); in each block the seeds run in order until one fails.
 * fifo never finds a planted bug (one schedule for every seed, and it
 * passes); pct finds each within a median of <= 200 seeds (the issue's
 * bar). Blocks: KERNEL_SIM_PLANTED_BLOCKS (docs/CHECKING.md records 15),
 * else 3; KERNEL_SIM_PLANTED_PRINT=1 prints the table the doc records.
 */
import { describe, expect, test } from 'vitest';
import { checkSeed, importScenario } from '../../src/check/index.ts';
import type { Scenario } from '../../src/scenario/index.ts';
import { plantCoreBug } from '../../src/faults/index.ts';
import { createSimulation } from '../../src/simulation/index.ts';
import {
  plantedCoreScenario,
  type PlantedCoreShape,
} from '../../scenarios/planted/planted-core.ts';

const BLOCK = 200;
const BLOCKS = Number(process.env.KERNEL_SIM_PLANTED_BLOCKS ?? 3);
const BUGS = [
  'lost-wakeup',
  'torn-withdraw',
  'early-generation',
  'block-leak',
  'transfer-drops-last-write',
];
const CORE_BUGS = ['early-generation', 'block-leak', 'transfer-drops-last-write'] as const;
const CONTROL_SEEDS = Number(process.env.KERNEL_SIM_PLANTED_CONTROL_SEEDS ?? 15);
const SCHEDULES = ['fifo', 'random', 'pct'];

/** Seeds run in [from, from + BLOCK) until the first failure: its 1-based index, or null. */
function firstFailure(scenario: Scenario<unknown>, schedule: string, from: number): number | null {
  for (let i = 0; i < BLOCK; i++) {
    const r = checkSeed(scenario, from + i, { overrides: { schedule } });
    if (r.verdict !== 'passed') return i + 1;
  }
  return null;
}

function median(xs: readonly (number | null)[]): number {
  const v = xs.map((x) => x ?? Infinity).sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}

describe(`planted bugs: seeds to the first failure (${BLOCKS} block(s) of ${BLOCK})`, () => {
  const rows: string[] = [];
  for (const bug of BUGS)
    test(
      `${bug}: never found by fifo, found by pct within a median of ${BLOCK}`,
      { timeout: 600_000 },
      async () => {
        const scenario = await importScenario(`scenarios/planted/${bug}.ts`);
        const cells: string[] = [];
        for (const schedule of SCHEDULES) {
          const found = Array.from({ length: schedule === 'fifo' ? 1 : BLOCKS }, (_, b) =>
            firstFailure(scenario, schedule, 1 + b * BLOCK),
          );
          if (schedule === 'fifo') expect(found).toEqual([null]);
          if (schedule === 'pct') expect(median(found)).toBeLessThanOrEqual(BLOCK);
          const m = median(found);
          cells.push(
            `${Number.isFinite(m) ? m : `> ${BLOCK}`} (${found.map((f) => f ?? '-').join(' ')})`,
          );
        }
        rows.push(`| ${bug} | ${cells.join(' | ')} |`);
        if (process.env.KERNEL_SIM_PLANTED_PRINT) console.log(rows.at(-1));
      },
    );
});

describe('planted core bugs: the bug, not the workload, fails', () => {
  for (const bug of CORE_BUGS)
    test(`${bug}: the same workload on the sound core passes under random and pct (${CONTROL_SEEDS} seeds)`, async () => {
      const { SHAPE } = (await import(`../../scenarios/planted/${bug}.ts`)) as {
        SHAPE: PlantedCoreShape;
      };
      const control = plantedCoreScenario(bug, SHAPE, false);
      for (const schedule of ['random', 'pct'])
        for (let seed = 1; seed <= CONTROL_SEEDS; seed++)
          expect(checkSeed(control, seed, { overrides: { schedule } }).verdict).toBe('passed');
    });

  test('plantCoreBug refuses an unknown bug and a detector it cannot plant into', () => {
    expect(() => plantCoreBug(createSimulation(), 'typo' as never)).toThrow(
      /unknown bug 'typo'; known: early-generation, block-leak, transfer-drops-last-write/,
    );
    expect(() =>
      plantCoreBug(createSimulation({ detector: 'oracle' }), 'early-generation'),
    ).toThrow(/plants into the k42 detector; this simulation runs 'oracle'/);
  });

  test('nothing is planted by default', () => {
    const sim = createSimulation();
    expect(sim.swapper.planted.size).toBe(0);
  });
});
