/**
 * The CLI's call count, the plugins' and the HTML report's agree: all three
 * count the run, not the calls expect() and summary() make after it.
 */
import { describe, expect, test } from 'vitest';
import {
  CallCounterPlugin,
  compute,
  defineScenario,
  recordTimeline,
  runScenario,
  type TimelineRecorder,
} from 'kernel-sim';

class Box {
  v = 0;
  put(v: number): void {
    this.v = v;
  }
  get(): number {
    return this.v;
  }
}

const scenario = defineScenario({
  name: 'counts-agree',
  description: 'a thread puts 5 times; expect() and summary() read the box 3 more times',
  setup(sim) {
    const box = sim.objects.createNamed('box', Box);
    sim.spawn('t', function* () {
      for (let i = 1; i <= 5; i++) {
        box.put(i);
        yield* compute(1);
      }
    });
    return { box };
  },
  expect(_r, _sim, { box }) {
    if (box.get() !== 5 || box.get() !== 5) throw new Error('box lost a put');
  },
  summary: (_r, _sim, { box }) => [`box holds ${box.get()}`],
});

describe('call counts of a run', () => {
  test('the tally, a counter plugin and the timeline recorder count the same calls', () => {
    const counter = new CallCounterPlugin('box');
    let recorder: TimelineRecorder | null = null;
    const r = runScenario(scenario, {
      seed: 1,
      plugins: [counter],
      attach: (sim) => {
        recorder = recordTimeline(sim);
      },
      runEnded: () => recorder!.detach(),
    });
    expect(r.outcome, r.reason ?? '').toBe('passed');
    const plugin = (r.plugins[0].report as { total: number }).total;
    expect(r.calls.byObject.box).toBe(5);
    expect(plugin).toBe(r.calls.byObject.box);
    expect(recorder!.model().calls.id.length).toBe(r.calls.entered);
    // the plugin's mediator went on counting expect's and summary's 3 reads after its report
    expect((counter.report() as { total: number }).total).toBe(8);
  });
});
