/**
 * RunTally: an observer of one simulation's event stream that counts the
 * calls the scenario report shows (entered / exited / failed, in total and
 * per object name, in order of first call) and keeps every failed thread
 * with its name, tick and error text.
 *
 * Interface: `new RunTally(sim)` subscribes at once (before setup, so it
 * sees every call and every spawn); `calls()` reads the counts;
 * `failedThreads()` the failed threads in the order they failed. It only
 * reads events; it never changes the run.
 */
import type { Simulation } from '../simulation/index.ts';
import type { FailedThread, ScenarioReport } from './scenario-report.ts';

export class RunTally {
  private entered = 0;
  private exited = 0;
  private failed = 0;
  private readonly byObject = new Map<string, number>();
  private readonly names = new Map<number, string>();
  private readonly failures: FailedThread[] = [];

  constructor(sim: Simulation) {
    sim.events$.subscribe((e) => {
      if (e.type === 'call.entered') {
        this.entered++;
        this.byObject.set(e.objectName, (this.byObject.get(e.objectName) ?? 0) + 1);
      } else if (e.type === 'call.exited') {
        this.exited++;
        if (e.error !== null) this.failed++;
      } else if (e.type === 'thread.spawned') {
        this.names.set(e.thread, e.name);
      } else if (e.type === 'thread.failed') {
        const name = this.names.get(e.thread) ?? `#${e.thread}`;
        this.failures.push({ thread: e.thread, name, tick: e.tick, error: e.error });
      }
    });
  }

  calls(): ScenarioReport['calls'] {
    return {
      entered: this.entered,
      exited: this.exited,
      failed: this.failed,
      byObject: Object.fromEntries(this.byObject),
    };
  }

  failedThreads(): readonly FailedThread[] {
    return [...this.failures];
  }
}
