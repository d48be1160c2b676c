/**
 * The strategies experiment: the same workloads under each strategy. The
 * figures must show what the strategies are: naive caught by the checkers
 * on every seed of naive-swap-loses-a-call, the safe strategies never;
 * block-all pausing callers (held calls) where quiescence and update-points
 * hold none on hello; update-points refusing points in the accept loop. The
 * result is deterministic, and the CSV/JSON files hold one row per pair.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compute, defineScenario, sleep, type Op } from '../../src/index.ts';
import {
  runStrategyExperiment,
  STRATEGIES_CSV_COLUMNS,
  summarizeStrategy,
} from '../../src/experiments/index.ts';
import hello from '../../scenarios/hello.ts';
import naiveLoses from '../../scenarios/naive-swap-loses-a-call.ts';
import acceptLoop from '../../scenarios/accept-loop-update-point.ts';
import rollbackVsBlock from '../../scenarios/rollback-vs-block.ts';
import { DEFAULT_LOADER } from '../../src/check/index.ts';

const workloads = [
  { name: 'hello', scenario: hello },
  { name: 'naive-swap-loses-a-call', scenario: naiveLoses },
  { name: 'accept-loop-update-point', scenario: acceptLoop },
] as never;

describe('experiment strategies', () => {
  test('the figures show each strategy for what it is; files and determinism', async () => {
    const out = mkdtempSync(join(tmpdir(), 'strategies-'));
    try {
      const r = await runStrategyExperiment({
        workloads,
        seeds: [1, 2, 3],
        outDir: out,
        plots: false,
      });
      const row = (w: string, s: string) =>
        r.summaries.find((x) => x.workload === w && x.strategy === s)!;
      expect(r.summaries).toHaveLength(3 * 6);
      expect(row('naive-swap-loses-a-call', 'naive').violationRuns).toBe(3);
      for (const w of ['hello', 'naive-swap-loses-a-call', 'accept-loop-update-point'])
        for (const s of ['quiescence', 'block-all', 'update-points', 'rollback', 'lazy']) {
          expect(row(w, s).violationRuns, `${w} ${s}`).toBe(0);
          expect(row(w, s).passed, `${w} ${s}`).toBe(3);
        }
      expect(row('hello', 'block-all').pauseTicksMean).toBeGreaterThan(0);
      expect(row('hello', 'quiescence').pauseTicksMean).toBeLessThan(
        row('hello', 'block-all').pauseTicksMean,
      );
      // lazy: the same wait as quiescence, minus the transfer (transferTicks 1,
      // the default), which the first call after the switch pays instead
      for (const w of ['hello', 'naive-swap-loses-a-call', 'accept-loop-update-point'])
        expect(row(w, 'lazy').updateTicksMean, w).toBeCloseTo(
          row(w, 'quiescence').updateTicksMean - 1,
          2,
        );
      expect(row('hello', 'lazy').steadyOverheadMean).toBeGreaterThan(
        row('hello', 'quiescence').steadyOverheadMean,
      );
      expect(row('hello', 'update-points').heldCallsMean).toBe(0);
      expect(row('accept-loop-update-point', 'update-points').refusedPointsMean).toBeGreaterThan(0);
      expect(row('hello', 'quiescence').refusedPointsMean).toBe(0);
      const csv = readFileSync(join(out, 'strategies.csv'), 'utf8').trim().split('\n');
      expect(csv[0]).toBe(STRATEGIES_CSV_COLUMNS.join(','));
      expect(csv).toHaveLength(1 + 18);
      const json = JSON.parse(readFileSync(join(out, 'strategies.json'), 'utf8'));
      expect(json.runs).toHaveLength(54);
      // no transactions in these workloads: nothing rolled back
      expect(r.summaries.every((x) => x.rolledBackMean === 0)).toBe(true);

      const again = await runStrategyExperiment({ workloads, seeds: [1, 2, 3] });
      expect(again.summaries).toEqual(r.summaries);
      expect(again.runs).toEqual(r.runs);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  test('rollback-vs-block: ticks of work rolled back under rollback, none under block-all', async () => {
    const r = await runStrategyExperiment({
      workloads: [{ name: 'rollback-vs-block', scenario: rollbackVsBlock }] as never,
      strategies: ['rollback', 'block-all'],
      seeds: [1, 2],
    });
    const [rb, ba] = r.summaries;
    expect(rb.strategy).toBe('rollback');
    expect(rb.rolledBackMean).toBeGreaterThanOrEqual(3);
    expect(rb.rolledBackTicksMean).toBeGreaterThan(rb.rolledBackMean);
    expect(rb.violationRuns).toBe(0);
    expect(ba.rolledBackMean).toBe(0);
    expect(ba.rolledBackTicksMean).toBe(0);
    expect(ba.violationRuns).toBe(2);
    expect(r.runs.filter((x) => x.strategy === 'block-all')[0].violationCheckers).toEqual([
      'transactions',
    ]);
  }, 120_000);

  test('steady overhead: a new version whose call costs twice as much shows about 2', async () => {
    class Op2 {
      *op(): Op<void> {
        yield* compute(4);
      }
    }
    class Op4 extends Op2 {
      override *op(): Op<void> {
        yield* compute(8);
      }
    }
    const slower = defineScenario({
      name: 'slower',
      description: 'a swap to a slower implementation',
      options: { cpus: 1 },
      setup(sim) {
        const o = sim.objects.createNamed('o', Op2);
        sim.spawn('caller', function* () {
          for (let i = 0; i < 40; i++) {
            yield* o.op();
            yield* sleep(2);
          }
        });
        sim.at(50, () => void sim.hotswap(o, Op4));
      },
    });
    const r = await runStrategyExperiment({
      workloads: [{ name: 'slower', scenario: slower }] as never,
      strategies: ['block-all'],
      seeds: [1],
    });
    expect(r.summaries[0].steadyOverheadMean).toBeGreaterThan(1.5);
    expect(r.summaries[0].steadyOverheadMean).toBeLessThan(2.5);
  });

  test('on worker threads (the pool check uses) the result is the serial one', async () => {
    const opts = {
      workloads: [
        { name: 'hello', scenario: hello, file: 'scenarios/hello.ts' },
        {
          name: 'rollback-vs-block',
          scenario: rollbackVsBlock,
          file: 'scenarios/rollback-vs-block.ts',
        },
      ] as never,
      strategies: ['rollback', 'naive'] as const,
      seeds: [1, 2],
    };
    const serial = await runStrategyExperiment(opts);
    const parallel = await runStrategyExperiment({ ...opts, workers: 2, load: DEFAULT_LOADER });
    expect(parallel.runs).toEqual(serial.runs);
    expect(parallel.summaries).toEqual(serial.summaries);
    await expect(runStrategyExperiment({ ...opts, workers: 2 })).rejects.toThrow(
      /workers need every workload given by file and a scenario loader/,
    );
  }, 120_000);

  test('summarizeStrategy refuses an empty or mixed list', () => {
    expect(() => summarizeStrategy([])).toThrow(/no runs/);
  });

  test('no workloads is a clear error', async () => {
    await expect(runStrategyExperiment({ workloads: [] })).rejects.toThrow(/at least one workload/);
  });
});
