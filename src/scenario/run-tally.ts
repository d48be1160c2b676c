/**
 * RunTally: an observer of one simulation's event stream that counts the
 * calls the scenario report shows: entered / exited / failed, in total and
 * per object name (in order of first call).
 *
 * Interface: `new RunTally(sim)` subscribes at once (before setup, so it
 * sees every call); `calls()` reads the counts. It only reads events; it
 * never changes the run.
 */
import type { Simulation } from '../simulation/index.ts';
import type { ScenarioReport } from './scenario-report.ts';

export class RunTally {
  private entered = 0;
  private exited = 0;
  private failed = 0;
  private readonly byObject = new Map<string, number>();

  constructor(sim: Simulation) {
    sim.events$.subscribe((e) => {
      if (e.type === 'call.entered') {
        this.entered++;
        this.byObject.set(e.objectName, (this.byObject.get(e.objectName) ?? 0) + 1);
      } else if (e.type === 'call.exited') {
        this.exited++;
        if (e.error !== null) this.failed++;
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
}
