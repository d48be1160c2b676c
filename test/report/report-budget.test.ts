/**
 * ReportBudget: the report's recorder keeps the first calls of each lane
 * exact and folds the rest into bins, so what it holds does not grow with
 * the calls; the kept calls are exactly the whole run's; the bins account
 * for every folded call and its busy ticks; the report says what it folded.
 */
import { expect, test } from 'vitest';
import {
  aggregatedText,
  renderHtmlReport,
  ReportBudget,
  TimelineRecorder,
  type TimelineModel,
} from '../../src/report/index.ts';
import { runManyCalls } from './many-calls-fixture.ts';
import { recordSwapRun } from './swap-fixture.ts';

const BUDGET = { perLaneMax: 10, totalMax: 1000, bins: 64 };

function record(
  callsEach: number,
  budget = BUDGET,
): { model: TimelineModel; rec: TimelineRecorder } {
  const rec = new TimelineRecorder({ retention: new ReportBudget(budget) });
  runManyCalls(callsEach, (sim) => rec.attach(sim));
  return { model: rec.model(), rec };
}

function whole(callsEach: number): TimelineModel {
  const rec = new TimelineRecorder();
  runManyCalls(callsEach, (sim) => rec.attach(sim));
  return rec.model();
}

const laneOf = (m: TimelineModel, i: number): string =>
  m.calls.thread[i] >= 0 ? `thread-${m.calls.thread[i]}` : `kernel-${m.calls.cpu[i]}`;

test('what the recorder holds does not grow with the calls', () => {
  const small = record(50);
  const large = record(800); // 16x the calls
  expect(large.model.aggregates!.callsAggregated).toBeGreaterThan(
    15 * small.model.aggregates!.callsAggregated,
  );
  const r = large.rec.retained;
  // 20 thread lanes and 2 kernel lanes x 10 exact calls, plus the open calls at the peak.
  expect(r.calls).toBeLessThanOrEqual(22 * 10 + 20 * 2);
  expect(r.runs).toBeLessThanOrEqual(2 * 10 + 2);
  expect(large.model.calls.id.length).toBeLessThanOrEqual(22 * 10);
  expect(large.model.aggregates!.lanes.every((l) => l.items.length <= 64)).toBe(true);
});

test('kept calls are exact (the whole run has them, same fields); the first ones of each lane', () => {
  const { model } = record(200);
  const full = whole(200);
  const byId = new Map(full.calls.id.map((id, i) => [id, i]));
  const perLane = new Map<string, number>();
  for (let k = 0; k < model.calls.id.length; k++) {
    const i = byId.get(model.calls.id[k])!;
    for (const f of ['start', 'end', 'version', 'depth', 'flags', 'cpu', 'object'] as const)
      expect(model.calls[f][k]).toBe(full.calls[f][i]);
    expect(model.labels[model.calls.label[k]]).toBe(full.labels[full.calls.label[i]]);
    perLane.set(laneOf(model, k), (perLane.get(laneOf(model, k)) ?? 0) + 1);
  }
  for (const [lane, n] of perLane) expect([lane, n]).toEqual([lane, 10]);
  // the first to close on a lane are kept: no call of the lane ended before the last kept one, unkept
  const keptIds = new Set(model.calls.id);
  for (const lane of perLane.keys()) {
    const ends = full.calls.id
      .map((id, i) => ({ id, i }))
      .filter(({ i }) => laneOf(full, i) === lane);
    const lastKeptEnd = Math.max(
      ...ends.filter((c) => keptIds.has(c.id)).map((c) => full.calls.end[c.i]),
    );
    const earlierUnkept = ends.filter(
      (c) => !keptIds.has(c.id) && full.calls.end[c.i] < lastKeptEnd,
    );
    expect(earlierUnkept).toEqual([]);
  }
});

test('the bins account for every folded call and its ticks', () => {
  const { model } = record(200);
  const full = whole(200);
  const a = model.aggregates!;
  expect(model.calls.id.length + a.callsAggregated).toBe(full.calls.id.length);
  expect(model.runs.cpu.length + a.runsAggregated).toBe(full.runs.cpu.length);
  const keptIds = new Set(model.calls.id);
  let items = 0;
  for (const l of a.lanes.filter((x) => !x.key.startsWith('cpu-'))) {
    items += l.items.reduce((s, n) => s + n, 0);
    const folded = full.calls.id
      .map((id, i) => i)
      .filter((i) => laneOf(full, i) === l.key && !keptIds.has(full.calls.id[i]));
    const busy = folded
      .filter((i) => full.calls.depth[i] === 0)
      .reduce((s, i) => s + full.calls.end[i] - full.calls.start[i], 0);
    expect(l.busy.reduce((s, n) => s + n, 0)).toBe(busy);
    expect(Math.max(...l.busy)).toBeLessThanOrEqual(a.binTicks);
  }
  expect(items).toBe(a.callsAggregated);
  expect(a.bins * a.binTicks).toBeGreaterThan(model.endTick);
});

test('the report says plainly what it aggregated; a budget never reached changes nothing', () => {
  const { model } = record(200);
  const text = aggregatedText(model)!;
  expect(text).toContain(
    `${model.calls.id.length} calls shown exactly, ${model.aggregates!.callsAggregated} aggregated into bins of ${model.aggregates!.binTicks} ticks`,
  );
  const html = renderHtmlReport(model);
  expect(html).toContain('<p id="aggregated" class="aggregated">');
  expect(html).toContain(`${whole(200).calls.id.length} calls`);
  // the same seed: the same report
  expect(JSON.stringify(record(200).model)).toBe(JSON.stringify(model));
  // held calls stay exact whatever the budget, and a budget not reached leaves the model as it was
  const tiny = recordSwapRun();
  expect(tiny.model.held.call.length).toBeGreaterThan(0);
  const held = new TimelineRecorder({
    retention: new ReportBudget({ perLaneMax: 1, totalMax: 1 }),
  });
  const roomy = new TimelineRecorder({ retention: new ReportBudget() });
  recordSwapRun({ observe: (sim) => (held.attach(sim), roomy.attach(sim)) });
  const keptHeld = held.model();
  expect(keptHeld.aggregates!.callsAggregated).toBeGreaterThan(0);
  expect(keptHeld.held.call.map((i) => keptHeld.calls.id[i])).toEqual(
    tiny.model.held.call.map((i) => tiny.model.calls.id[i]),
  );
  expect(JSON.stringify(roomy.model())).toBe(JSON.stringify(tiny.model));
  expect(aggregatedText(tiny.model)).toBeNull();
});

test('bad budgets are refused, naming the option', () => {
  expect(() => new ReportBudget({ perLaneMax: 0 })).toThrow(
    /perLaneMax must be a positive integer; got 0/,
  );
  expect(() => new ReportBudget({ bins: 1.5 })).toThrow(/bins must be a positive integer/);
});
