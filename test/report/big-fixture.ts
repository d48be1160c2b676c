/**
 * A large run for the scale tests: `threads` workers each making `callsEach`
 * calls to one counter (a generator call with a nested atomic call every
 * tenth time), with a hot swap in the middle: by default 200 x 500 = 100,000
 * calls on the workers' lanes (plus the dispatcher's scheduler calls).
 */
import { compute, createSimulation, yieldCpu, type Op } from 'kernel-sim';
import { recordTimeline, type TimelineModel } from '../../src/report/index.ts';
import type { RunResult } from 'kernel-sim';

class Tally {
  n = 0;
  bump(): number {
    return ++this.n;
  }
  *work(ticks: number): Op<number> {
    yield* compute(ticks);
    return ++this.n;
  }
  exportFormats() {
    return ['n'];
  }
  exportState() {
    return this.n;
  }
  importFormats() {
    return ['n'];
  }
  importState(_f: string, v: unknown) {
    this.n = v as number;
  }
}
class Tally2 extends Tally {}

export function recordBigRun(
  threads = 200,
  callsEach = 500,
): { model: TimelineModel; result: RunResult; workerCalls: number } {
  const sim = createSimulation({ seed: 11, cpus: 4, quantumTicks: 20 });
  const rec = recordTimeline(sim);
  const t = sim.objects.create(Tally);
  for (let i = 0; i < threads; i++) {
    sim.spawn(`w${i}`, function* () {
      for (let j = 0; j < callsEach; j++) {
        if (j % 10 === 0) yield* t.work(1);
        else t.bump();
        if (j % 5 === 0) yield* yieldCpu();
      }
    });
  }
  sim.at(2000, () => void sim.hotswap(t, Tally2));
  const result = sim.run();
  return { model: rec.model(), result, workerCalls: threads * callsEach };
}
