/**
 * clusterBench: the Upstart goal of issue 17 (docs/UPSTART.md, "Benchmark"):
 * a 64-node rolling null upgrade of the ring under load, in one process,
 * against the same run without the upgrade (same seed, same load), as a
 * wall-time ratio with the goal <= 10x.
 *
 * Both runs are runRing (src/cluster/ring-run.ts): 64 nodes, 40 calls per
 * client, latency 3..12 ticks, no loss; the upgrade starts at tick 20 and
 * the rolling schedule swaps one node at a time while the clients run.
 * Whole runs, timed in interleaved rounds with medians (measureRuns).
 */
import { runRing, type RingOptions } from '../cluster/index.ts';
import { pick, type BenchScale } from './bench-scale.ts';
import { figure, type BenchFigure } from './bench-figure.ts';
import { measureRuns } from './measure-runs.ts';
import { nowMs } from './wall-clock.ts';

export async function clusterBench(scale: BenchScale): Promise<BenchFigure[]> {
  const group = 'cluster';
  const nodes = pick(scale, 64, 4);
  const base: RingOptions = { nodes, seed: 1, opsPerClient: pick(scale, 40, 5) };
  let lastUpgradeTick = NaN;
  let endTick = NaN;
  const timed = (schedule: 'rolling' | 'none') => () => {
    const t = nowMs();
    const r = runRing({ ...base, schedule });
    const ms = nowMs() - t;
    if (!r.ok) throw new Error(`clusterBench: ${schedule} run failed: ${r.result.reason ?? ''}`);
    if (schedule === 'rolling') {
      const ticks = r.cluster.timeline.marks
        .filter((m) => m.what === 'upgraded')
        .map((m) => m.tick);
      lastUpgradeTick = Math.max(...ticks);
      endTick = r.result.ticks;
    }
    return { ms, ops: r.cluster.ledger.issued };
  };
  const runs = await measureRuns(
    [
      { name: 'upgrade', run: timed('rolling') },
      { name: 'none', run: timed('none') },
    ],
    pick(scale, 5, 1),
  );
  const up = runs.get('upgrade')!;
  const none = runs.get('none')!;
  return [
    figure({
      group,
      name: `${nodes}-node rolling null upgrade of the ring under load`,
      value: up.ms,
      unit: 'ms',
      baseline: { name: 'the same run without the upgrade', value: none.ms },
      goal: { on: 'ratio', op: '<=', limit: 10 },
      note: `${up.ops} RPCs; the last node upgraded at tick ${lastUpgradeTick} of ${endTick} (the load ran throughout)`,
    }),
  ];
}
