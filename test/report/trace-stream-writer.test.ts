/**
 * TraceStreamWriter: the trace written as the run goes holds the same
 * events as the one-object trace of the whole run (in another order), on
 * every bundled scenario; it parses and nests; and the recorder behind it
 * holds a number of items that does not grow with the number of calls.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { runScenario, type Simulation } from 'kernel-sim';
import { loadScenario } from '../../src/cli/load-scenario.ts';
import {
  checkTraceNesting,
  toChromeTrace,
  TimelineRecorder,
  TraceStreamWriter,
  type ChromeTrace,
  type TraceEvent,
} from '../../src/report/index.ts';
import { runManyCalls } from './many-calls-fixture.ts';
import { buildSwapRun } from './swap-fixture.ts';

const BUNDLED = readdirSync('scenarios').filter((f) => f.endsWith('.ts'));

const sorted = (events: readonly TraceEvent[]): string[] =>
  events.map((e) => JSON.stringify(e)).sort();

function streamed(run: (attach: (sim: Simulation) => void) => void): {
  trace: ChromeTrace;
  recorder: TimelineRecorder;
  written: number;
} {
  let text = '';
  const writer = new TraceStreamWriter((t) => (text += t));
  const recorder = new TimelineRecorder({ retention: writer });
  run((sim) => recorder.attach(sim));
  const written = writer.finish(recorder.model({ share: true }), { note: 'x' });
  return { trace: JSON.parse(text) as ChromeTrace, recorder, written };
}

test.each(BUNDLED)(
  '%s: the streamed trace has the events of the whole-run trace, each once, nested',
  async (file) => {
    const scenario = await loadScenario(resolve('scenarios', file));
    const whole = new TimelineRecorder();
    runScenario(scenario, { seed: 2, attach: (sim) => whole.attach(sim) });
    const expected = toChromeTrace(whole.model(), { note: 'x' });
    const s = streamed((attach) => runScenario(scenario, { seed: 2, attach }));
    expect(s.written).toBe(expected.traceEvents.length);
    expect(sorted(s.trace.traceEvents)).toEqual(sorted(expected.traceEvents));
    expect(s.trace.otherData).toEqual(expected.otherData);
    expect(s.trace.displayTimeUnit).toBe('ms');
    expect(checkTraceNesting(s.trace.traceEvents)).toEqual([]);
  },
);

test('held calls are kept until the end (exact), the rest is written as it closes', () => {
  const swapRun = (attach: (sim: Simulation) => void): void => {
    const run = buildSwapRun({ seed: 3 });
    attach(run.sim);
    run.sim.run();
  };
  const whole = new TimelineRecorder();
  swapRun((sim) => whole.attach(sim));
  const model = whole.model();
  const heldCalls = new Set(model.held.call);
  expect(heldCalls.size).toBeGreaterThan(0); // the swap held calls
  const s = streamed(swapRun);
  const kept = s.recorder.model();
  expect(kept.held.call.length).toBe(model.held.call.length);
  expect(kept.calls.id.length).toBeGreaterThanOrEqual(heldCalls.size);
  expect(kept.calls.id.length).toBeLessThan(model.calls.id.length / 2);
  expect(sorted(s.trace.traceEvents)).toEqual(sorted(toChromeTrace(model).traceEvents));
});

test('what the recorder holds does not grow with the calls (bounded by live threads and open calls)', () => {
  const holds = [50, 200, 800].map((each) => {
    const s = streamed((attach) => runManyCalls(each, attach));
    const calls = s.trace.traceEvents.filter((e) => e.cat === 'call').length;
    expect(calls).toBeGreaterThanOrEqual(20 * each); // every call is in the file
    return s.recorder.retained;
  });
  // 16x the calls: the same slots (the open calls, runs and held calls at their peak).
  expect(holds[2]).toEqual(holds[0]);
  expect(holds[2].calls).toBeLessThanOrEqual(20 * 2 + 60); // threads x depth + held calls
  expect(holds[2].runs).toBeLessThanOrEqual(4);
  expect(holds[2].threads).toBe(0); // every thread ended and was written
});

test('the same seed streams the same bytes', () => {
  const bytes = (): string => {
    let text = '';
    const writer = new TraceStreamWriter((t) => (text += t));
    const recorder = new TimelineRecorder({ retention: writer });
    runManyCalls(40, (sim) => recorder.attach(sim));
    writer.finish(recorder.model({ share: true }));
    return text;
  };
  const first = bytes();
  expect(first.length).toBeGreaterThan(10_000);
  expect(bytes()).toBe(first);
});
