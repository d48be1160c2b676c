/**
 * An aggregated report in a real browser (skipped locally where Chromium is
 * missing, never under CI; see html-report.browser.test.ts): it opens and
 * draws without errors, states what it folded, and draws the bins (the
 * canvas differs from the same model with its bins taken away).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  renderHtmlReport,
  ReportBudget,
  TimelineRecorder,
  type TimelineModel,
} from '../../src/report/index.ts';
import {
  CHROMIUM_PRESENT,
  CHROMIUM_SKIP_REASON,
  launchReportBrowser,
  type ReportBrowser,
} from './report-browser.ts';
import { runManyCalls } from './many-calls-fixture.ts';
import { openReport } from './report-page.ts';

let browser: ReportBrowser;
const describeBrowser = describe.skipIf(!CHROMIUM_PRESENT);
if (!CHROMIUM_PRESENT) console.warn(CHROMIUM_SKIP_REASON);

beforeAll(async () => {
  if (CHROMIUM_PRESENT) browser = await launchReportBrowser();
});

afterAll(async () => {
  await browser?.close();
});

function budgeted(): TimelineModel {
  const rec = new TimelineRecorder({
    retention: new ReportBudget({ perLaneMax: 5, totalMax: 1000, bins: 200 }),
  });
  runManyCalls(300, (sim) => rec.attach(sim));
  return rec.model();
}

describeBrowser('an aggregated report', () => {
  test('opens, says what it folded, draws the bins and describes one on hover', async () => {
    const model = budgeted();
    const a = model.aggregates!;
    expect(a.callsAggregated).toBeGreaterThan(1000);
    const withBins = await openReport(browser, renderHtmlReport(model), 'aggregated');
    expect(withBins.errors).toEqual([]);
    expect(withBins.requests).toEqual([]);
    const note = await withBins.page.locator('#aggregated').textContent();
    expect(note).toContain(
      `${model.calls.id.length} calls shown exactly, ${a.callsAggregated} aggregated into bins of ${a.binTicks} ticks`,
    );
    // hovering a bin (late on cpu 0, past the exact runs) says what it holds
    const point = await withBins.page.evaluate(() => {
      const tl = (globalThis as any).kernelSimTimeline;
      const lane = tl.lanes().find((l: { key: string }) => l.key === 'cpu-0');
      const r = (globalThis as any).document
        .querySelector('#timeline-canvas')
        .getBoundingClientRect();
      return { x: r.left + r.width * 0.9, y: r.top + lane.top + lane.height / 2 };
    });
    await withBins.page.mouse.move(point.x, point.y);
    const tip = withBins.page.locator('#tooltip');
    expect(await tip.getAttribute('data-kind')).toBe('bin');
    expect(await tip.textContent()).toMatch(
      /\d+ runs aggregated \(ticks \d+ – \d+\)\s*busy \d+ of \d+ ticks/,
    );
    const { aggregates: _gone, ...plain } = model;
    const without = await openReport(browser, renderHtmlReport(plain), 'not-aggregated');
    expect(without.errors).toEqual([]);
    expect(await without.page.locator('#aggregated').count()).toBe(0);
    const shot = (p: typeof withBins.page) => p.locator('#timeline-canvas').screenshot();
    expect((await shot(withBins.page)).equals(await shot(without.page))).toBe(false);
    await withBins.page.close();
    await without.page.close();
  }, 60_000);
});
