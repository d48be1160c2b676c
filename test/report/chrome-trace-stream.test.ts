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
import {
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
