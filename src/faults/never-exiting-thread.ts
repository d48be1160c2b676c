/**
 * neverExitingThread: the 'thread-never-exits' fault site. A workload thread
 * appears at a tick drawn within the window and loops on compute, counted by
 * quiescence all along, so every quiescence request made meanwhile waits for
 * it: swaps stall in forward (swap.stalled names it as the blocker) and abort
 * on their timeout if they have one; retiring old objects and reclaiming
 * destroyed ones wait.
 *
 * "Never" is bounded by `loopTicks` (TigerBeetle: faults belong to the
 * safety phase; afterwards the run must converge), so a run still ends and
 * what it reports is the stall and its outcome, not a missing end. It is not
 * a daemon: the run waits for it, so a swap it held up finishes (or times
 * out) before the run ends, whatever the detector.
 */
import { compute } from '../kernel/index.ts';
import type { Simulation } from '../simulation/index.ts';
import type { FaultSite } from './fault-site.ts';

export const NEVER_EXITING_THREAD = 'fault-never-exits';
const SLICE_TICKS = 5;

export function spawnNeverExiting(
  sim: Simulation,
  site: FaultSite,
  windowTicks: number,
  loopTicks: number,
  note: (site: FaultSite, detail: string) => void,
): void {
  if (!site.fires()) return;
  const start = sim.now + site.random.int(0, windowTicks);
  sim.at(
    start,
    () => {
      const until = sim.now + loopTicks;
      const t = sim.spawn(NEVER_EXITING_THREAD, function* () {
        while (sim.now < until) yield* compute(SLICE_TICKS);
      });
      note(site, `thread ${t.id} '${NEVER_EXITING_THREAD}' loops on compute until tick ${until}`);
    },
    `fault ${site.name}`,
  );
}
