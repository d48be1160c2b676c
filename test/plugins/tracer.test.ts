import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createPlugin } from '../../src/plugins/index.ts';
import { TracerPlugin } from '../../src/plugins/tracer.ts';
import {
  checkTraceNesting,
  PID_CPUS,
  PID_SWAPS,
  PID_THREADS,
  type ChromeTrace,
  type TraceEvent,
} from '../../src/report/index.ts';
import { buildSwapRun } from '../report/swap-fixture.ts';

function traced(seed = 3, o: { veto?: boolean } = {}): { tracer: TracerPlugin; hash: string } {
  const tracer = new TracerPlugin();
  const run = buildSwapRun({ seed, ...o });
  tracer.attach(run.sim);
  const r = run.sim.run();
  expect(r.outcome, r.reason).toBe('passed');
  return { tracer, hash: r.eventsHash };
}

const tmp = mkdtempSync(join(tmpdir(), 'tracer-test-'));

describe('TracerPlugin: the trace of a hot swap', () => {
  const { tracer } = traced();
  const trace = JSON.parse(tracer.text()) as ChromeTrace;
  const ev = trace.traceEvents;
  const model = tracer.model();

  test('valid Chrome Trace JSON: every event has the required fields', () => {
    expect(trace.displayTimeUnit).toBe('ms');
    expect(trace.otherData).toMatchObject({ tickUnit: '1 tick = 1 us', endTick: model.endTick });
    for (const e of ev) {
      expect(typeof e.name).toBe('string');
      expect(['X', 'i', 'C', 'M']).toContain(e.ph);
      expect(Number.isInteger(e.pid) && Number.isInteger(e.tid) && Number.isInteger(e.ts)).toBe(
        true,
      );
      if (e.ph === 'X') expect(e.dur).toBeGreaterThanOrEqual(0);
      if (e.ph === 'i') expect(['g', 'p', 't']).toContain(e.s);
      if (e.ph === 'C') expect(typeof e.args!.gen).toBe('number');
    }
  });

  test('one named track per simulated thread and per CPU', () => {
    const names = ev.filter((e) => e.ph === 'M' && e.name === 'thread_name');
    for (const t of model.threads) {
      expect(names.find((e) => e.pid === PID_THREADS && e.tid === t.id)?.args?.name).toBe(
        `${t.name} #${t.id}`,
      );
    }
    expect(names.filter((e) => e.pid === PID_CPUS).map((e) => e.args!.name)).toEqual([
      'cpu 0',
      'cpu 1',
    ]);
    expect(
      ev.filter((e) => e.ph === 'M' && e.name === 'process_name').map((e) => e.args!.name),
    ).toEqual(['threads', 'cpus', 'kernel context', 'hot swaps']);
  });

  test('calls are X slices named object.method, one per call, inside their thread lifetime', () => {
    const calls = ev.filter((e) => e.cat === 'call');
    expect(calls).toHaveLength(model.calls.id.length);
    expect(new Set(calls.map((e) => e.name))).toEqual(
      new Set([
        'Counter#2.slowInc',
        'Counter#2.inc',
        'scheduler.pickNext',
        'scheduler.enqueue',
        'scheduler.forget',
      ]),
    );
    const lifetimes = ev.filter((e) => e.cat === 'thread');
    expect(lifetimes).toHaveLength(model.threads.length);
    for (const c of calls.filter((e) => e.pid === PID_THREADS)) {
      const life = lifetimes.find((l) => l.tid === c.tid)!;
      expect(c.ts).toBeGreaterThanOrEqual(life.ts);
      expect(c.ts + c.dur!).toBeLessThanOrEqual(life.ts + life.dur!);
    }
    const slow = calls.find((e) => e.name === 'Counter#2.slowInc')!;
    expect(slow.dur).toBeGreaterThanOrEqual(10);
    expect(slow.args).toMatchObject({ version: 1 });
  });

  test('slices nest perfectly on every track (Perfetto drops overlaps)', () => {
    expect(checkTraceNesting(ev)).toEqual([]);
  });

  test('held calls appear as "held by swap" slices inside the call', () => {
    const held = ev.filter((e) => e.name === 'held by swap 1');
    expect(held).toHaveLength(model.swaps[0].held);
    expect(held.length).toBeGreaterThan(0);
  });

  test('swap phases as slices and instants, quiescence instants, generation counters', () => {
    const phases = ev.filter((e) => e.pid === PID_SWAPS && e.ph === 'X').map((e) => e.name);
    expect(phases).toEqual(['negotiate', 'forward', 'block', 'transfer', 'complete']);
    const instants = ev.filter((e) => e.ph === 'i').map((e) => e.name);
    expect(instants).toEqual(
      expect.arrayContaining([
        'swap 1 forward',
        'swap 1 block',
        'swap 1 completed',
        'quiescence requested: swap 1 forward',
        'quiescence reached: swap 1 forward',
      ]),
    );
    const counters = ev.filter((e) => e.ph === 'C');
    expect(counters).toHaveLength(model.generations.tick.length);
    expect(new Set(counters.map((e) => e.name))).toEqual(
      new Set(['generation cpu 0', 'generation cpu 1']),
    );
  });

  test('CPU tracks show which thread ran, without overlaps', () => {
    const runs = ev.filter((e) => e.pid === PID_CPUS && e.ph === 'X');
    expect(runs).toHaveLength(model.runs.cpu.length);
    expect(runs[0].name).toMatch(/^worker-\d+$/);
  });
});

describe('TracerPlugin: determinism and observation only', () => {
  test('tracing does not change the event log hash (several seeds)', () => {
    for (const seed of [1, 2, 3, 4, 9]) {
      const plain = buildSwapRun({ seed }).sim.run();
      expect(traced(seed).hash).toBe(plain.eventsHash);
    }
  });

  test('same seed, same bytes; another seed, other bytes', () => {
    const a = traced(3).tracer.text();
    expect(traced(3).tracer.text()).toBe(a);
    expect(traced(5).tracer.text()).not.toBe(a);
  });

  test('an aborted swap ends with an instant naming the reason', () => {
    const trace = traced(3, { veto: true }).tracer.toJSON();
    const aborted = trace.traceEvents.find((e) => e.name === 'swap 1 aborted')!;
    expect(String(aborted.args!.reason)).toContain('the teacher said no');
    expect(checkTraceNesting(trace.traceEvents)).toEqual([]);
  });
});

describe('TracerPlugin: files, report and registry', () => {
  test('write(path) writes the trace; report() writes once when a path was given', () => {
    const path = join(tmp, 'a.json');
    const tracer = new TracerPlugin(path);
    const run = buildSwapRun();
    tracer.attach(run.sim);
    run.sim.run();
    expect(existsSync(path)).toBe(false);
    const r = tracer.report();
    expect(r).toMatchObject({ file: path, threads: 20, swaps: 1 });
    // Streamed as the run went: the events of the whole-run trace (another order), read back by toJSON().
    const whole = new TracerPlugin();
    const again = buildSwapRun();
    whole.attach(again.sim);
    again.sim.run();
    const sorted = (t: ChromeTrace): string[] => t.traceEvents.map((e) => JSON.stringify(e)).sort();
    const fromFile = JSON.parse(readFileSync(path, 'utf8')) as ChromeTrace;
    expect(sorted(fromFile)).toEqual(sorted(whole.toJSON()));
    expect(fromFile).toEqual(tracer.toJSON());
    expect(r.traceEvents).toBe(whole.report().traceEvents);
    expect(r.calls).toBe(whole.report().calls);
    expect(r.threads).toBe(whole.report().threads);
    expect(existsSync(`${path}.partial`)).toBe(false);
    expect(tracer.lines()[0]).toContain(`written to ${path}`);
    const other = join(tmp, 'b.json');
    expect(tracer.write(other)).toBe(other);
    expect(readFileSync(other, 'utf8')).toBe(tracer.text());
    expect(JSON.stringify(tracer)).toBe(tracer.text());
  });

  test('without a path: report() writes nothing and says how to get a file; write() explains', () => {
    const tracer = new TracerPlugin();
    const run = buildSwapRun();
    tracer.attach(run.sim);
    run.sim.run();
    expect(tracer.report().file).toBeNull();
    expect(tracer.lines()[0]).toContain('tracer=out.json');
    expect(() => tracer.write()).toThrow(/no output path; pass one to write\(path\)/);
    expect(() => new TracerPlugin('  ')).toThrow(/output path is empty/);
  });

  test('the trace is built once per state of the run (report() and lines() do not rebuild it)', () => {
    const tracer = new TracerPlugin();
    const run = buildSwapRun();
    tracer.attach(run.sim);
    const before = tracer.toJSON();
    run.sim.run();
    const after = tracer.toJSON();
    expect(after).not.toBe(before);
    expect(after.traceEvents.length).toBeGreaterThan(before.traceEvents.length);
    tracer.lines();
    expect(tracer.toJSON()).toBe(after);
  });

  test("the registry builds it: 'tracer=FILE'", () => {
    const path = join(tmp, 'c.json');
    const p = createPlugin(`tracer=${path}`);
    expect(p).toBeInstanceOf(TracerPlugin);
    expect(p.name).toBe('tracer');
    expect((p as TracerPlugin).path).toBe(path);
  });

  test('checkTraceNesting reports overlapping slices on one track (and not on different tracks)', () => {
    const x = (name: string, ts: number, dur: number, tid = 1): TraceEvent => ({
      name,
      ph: 'X',
      pid: 1,
      tid,
      ts,
      dur,
    });
    expect(checkTraceNesting([x('a', 0, 10), x('b', 2, 3), x('c', 5, 5), x('d', 10, 0)])).toEqual(
      [],
    );
    expect(checkTraceNesting([x('a', 0, 10), x('b', 5, 10)])).toEqual([
      "track 1:1: 'b' [5, 15] overlaps 'a' [0, 10]",
    ]);
    expect(checkTraceNesting([x('a', 0, 10), x('b', 5, 10, 2)])).toEqual([]);
  });
});

function traceOf(path: string): TracerPlugin {
  const tracer = new TracerPlugin(path);
  const run = buildSwapRun({ seed: 3 });
  tracer.attach(run.sim);
  run.sim.run();
  return tracer;
}

describe('TracerPlugin: replacing a file', () => {
  test('says so in its line and warns, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracer-replace-'));
    const path = join(dir, 'trace.json');
    const first = traceOf(path);
    expect(first.warnings()).toEqual([]);
    expect(first.lines()[0]).not.toContain('replacing');
    const second = traceOf(path);
    expect(second.lines()[0]).toContain(`written to ${path}, replacing the file that was there`);
    expect(second.warnings()).toEqual([
      `tracer replaced the existing ${path}; give another file (--plugin tracer=FILE) to keep both`,
    ]);
    rmSync(dir, { recursive: true, force: true });
  });
});
