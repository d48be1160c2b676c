/**
 * streamChromeTrace writes exactly the bytes of JSON.stringify(toChromeTrace)
 * (the tracer's file is streamed, the trace object is for the API), and
 * traceEventCount counts them, on every bundled scenario (swaps, held
 * calls, kernel-context calls, quiescence markers, generations).
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { runScenario } from 'kernel-sim';
import { loadScenario } from '../../src/cli/load-scenario.ts';
import { buildSwapRun } from './swap-fixture.ts';
import {
  CALL_OPEN,
  checkTraceNesting,
  streamChromeTrace,
  toChromeTrace,
  traceEventCount,
  TimelineRecorder,
} from '../../src/report/index.ts';

const BUNDLED = readdirSync('scenarios').filter((f) => f.endsWith('.ts'));

test.each(BUNDLED)(
  '%s: the streamed trace is the one-object trace, byte for byte',
  async (file) => {
    const scenario = await loadScenario(resolve('scenarios', file));
    const recorder = new TimelineRecorder();
    runScenario(scenario, { seed: 2, attach: (sim) => recorder.attach(sim) });
    const model = recorder.model();
    const whole = toChromeTrace(model, { note: 'x' });
    const pieces: string[] = [];
    const written = streamChromeTrace(model, (t) => pieces.push(t), { note: 'x' });
    expect(pieces.join('')).toBe(JSON.stringify(whole));
    expect(pieces.length).toBeGreaterThan(written); // one piece per event, not one string
    expect(written).toBe(whole.traceEvents.length);
    expect(traceEventCount(model)).toBe(written);
    expect(checkTraceNesting(whole.traceEvents)).toEqual([]);
  },
);

test('model({ share: true }) is the same model; taken mid-run it leaves the recorder as it was', () => {
  let midOpen = 0;
  const record = (peek: boolean): TimelineRecorder => {
    const recorder = new TimelineRecorder();
    const run = buildSwapRun({ seed: 3 });
    recorder.attach(run.sim);
    for (let tick = 1; tick < 200; tick += 7)
      run.sim.at(tick, () => {
        if (!peek) return;
        const mid = recorder.model({ share: true });
        midOpen += mid.calls.flags.filter((f) => (f & CALL_OPEN) !== 0).length;
      });
    run.sim.run();
    return recorder;
  };
  const plain = record(false).model();
  const shared = record(true);
  expect(midOpen).toBeGreaterThan(0); // calls were open mid-run, flagged in the shared views only
  expect(JSON.stringify(shared.model({ share: true }))).toBe(JSON.stringify(plain));
  expect(JSON.stringify(shared.model())).toBe(JSON.stringify(plain));
});
