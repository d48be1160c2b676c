/**
 * The HTML report in a real browser (Debian's Chromium through
 * playwright-core). If Chromium is missing they are skipped locally with one
 * line naming the install command; under CI (KERNEL_SIM_REQUIRE_BROWSER, set
 * by .ci/run) they never skip and fail with that command instead.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  CALL_HELD,
  recordTimeline,
  renderHtmlReport,
  type TimelineModel,
  type TimelineRecorder,
} from '../../src/report/index.ts';
import { runScenario } from '../../src/scenario/index.ts';
import stuckSwap from '../../scenarios/stuck-swap.ts';
import swapScheduler from '../../scenarios/swap-scheduler.ts';
import {
  CHROMIUM_PRESENT,
  CHROMIUM_SKIP_REASON,
  launchReportBrowser,
  type ReportBrowser,
} from './report-browser.ts';
import { recordBigRun } from './big-fixture.ts';
import {
  hoverCall,
  hoverPhase,
  leaveCanvas,
  openReport,
  visibleRange,
  type OpenedReport,
} from './report-page.ts';
import { recordSwapRun } from './swap-fixture.ts';

let browser: ReportBrowser;
const opened: OpenedReport[] = [];

/** Every group of this file: skipped, with one line, where Chromium is missing outside CI. */
const describeBrowser = describe.skipIf(!CHROMIUM_PRESENT);
if (!CHROMIUM_PRESENT) console.warn(CHROMIUM_SKIP_REASON);

beforeAll(async () => {
  if (CHROMIUM_PRESENT) browser = await launchReportBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function open(html: string, name: string): Promise<OpenedReport> {
  const r = await openReport(browser, html, name);
  opened.push(r);
  return r;
}

function heldCallId(m: TimelineModel): number {
  const i = m.held.call[0];
  expect(m.calls.flags[i] & CALL_HELD).toBe(CALL_HELD);
  return m.calls.id[i];
}

describeBrowser('HTML report of a completed hot swap', () => {
  const run = recordSwapRun();
  const summary = {
    ...run.result,
    scenario: 'swap fixture',
    reproduce: 'kernel-sim scenario swap-fixture.ts --seed 3',
    plugins: [{ name: 'counter', lines: ['Counter#2.inc: 40'] }],
  };
  let r: OpenedReport;

  beforeAll(async () => {
    r = await open(renderHtmlReport(run.model, summary), 'swap');
  });

  test('lanes per CPU and per thread exist, laid out on the canvas', async () => {
    const lanes = await r.page.$$eval('#lane-list [data-lane]', (els) =>
      els.map((e) => [e.getAttribute('data-lane'), Number(e.getAttribute('data-height'))] as const),
    );
    const keys = lanes.map(([k]) => k);
    expect(keys.filter((k) => k!.startsWith('cpu-'))).toEqual(['cpu-0', 'cpu-1']);
    expect(keys.filter((k) => k!.startsWith('thread-'))).toEqual(
      run.model.threads.map((t) => `thread-${t.id}`),
    );
    expect(keys).toContain('swap-1');
    for (const [, h] of lanes) expect(h).toBeGreaterThan(0);
    const js = await r.page.evaluate(() =>
      (globalThis as any).kernelSimTimeline.lanes().map((l: any) => l.key),
    );
    expect(js).toEqual(keys);
  });

  test('the canvas is painted: CPU lanes are full of thread runs', async () => {
    const painted = await r.page.evaluate(() => {
      const w = globalThis as any;
      const c = w.document.getElementById('timeline-canvas');
      const lane = w.kernelSimTimeline.lanes()[0];
      const dpr = w.devicePixelRatio || 1;
      const y = Math.round((lane.top + lane.height / 2) * dpr);
      const row = c.getContext('2d').getImageData(0, y, c.width, 1).data as Uint8ClampedArray;
      let coloured = 0;
      for (let i = 0; i < row.length; i += 4)
        if (Math.abs(row[i] - row[i + 1]) > 20 || Math.abs(row[i + 1] - row[i + 2]) > 20)
          coloured++;
      return coloured / (c.width - 200 * dpr);
    });
    expect(painted).toBeGreaterThan(0.3);
  });

  test('the swap band shows the phases of this run in order, in the table and on the canvas', async () => {
    const phases = run.model.swaps[0].phases.map((p) => p.phase);
    expect(phases).toEqual(['negotiate', 'forward', 'block', 'transfer', 'complete']);
    const listed = await r.page.$$eval('#swap-table ol[data-swap="1"] [data-phase]', (els) =>
      els.map((e) => e.getAttribute('data-phase')),
    );
    expect(listed).toEqual(phases);
    const legend = await r.page.$$eval('#phase-legend [data-phase]', (els) =>
      els.map((e) => e.getAttribute('data-phase')),
    );
    expect(legend).toEqual(['negotiate', 'forward', 'block', 'transfer', 'complete', 'aborted']);
    for (const p of run.model.swaps[0].phases) {
      const tip = await hoverPhase(r.page, 1, p.phase);
      expect(tip).toContain(`swap 1: ${p.phase}`);
      expect(tip).toContain(`ticks ${p.start} – ${p.end}`);
      expect(tip).toContain('Counter → Counter2');
    }
  });

  test('hovering a held call shows its id, thread, ticks, the wait and the version it reached', async () => {
    const id = heldCallId(run.model);
    const i = run.model.calls.id.indexOf(id);
    const thread = run.model.threads.find((t) => t.id === run.model.calls.thread[i])!;
    const tip = await hoverCall(r.page, id);
    expect(await r.page.getAttribute('#tooltip', 'data-call')).toBe(String(id));
    expect(tip).toContain('Counter#2.slowInc');
    expect(tip).toContain(`call ${id}`);
    expect(tip).toContain(`thread ${thread.name} #${thread.id}`);
    expect(tip).toContain(`ticks ${run.model.calls.start[i]} – ${run.model.calls.end[i]}`);
    expect(tip).toContain('held by swap 1');
    expect(tip).toContain('reached version 2 (Counter2)');
  });

  test('hovering an early call shows version 1', async () => {
    const i = run.model.calls.label.findIndex(
      (l, k) => run.model.labels[l] === 'Counter#2.slowInc' && run.model.calls.start[k] < 12,
    );
    const tip = await hoverCall(r.page, run.model.calls.id[i]);
    expect(tip).toContain('reached version 1 (Counter)');
    expect(tip).not.toContain('held');
  });

  test('zoom and pan change the visible range (buttons, wheel, drag, fit)', async () => {
    const { page } = r;
    await page.click('#zoom-fit');
    const full = await visibleRange(page);
    expect(full).toEqual({ start: 0, end: run.model.endTick });
    expect(await page.textContent('#visible-range')).toContain(`ticks 0 – ${run.model.endTick}`);

    await page.click('#zoom-in');
    const zoomed = await visibleRange(page);
    expect(zoomed.end - zoomed.start).toBeCloseTo((full.end - full.start) / 2, 5);

    await page.click('#pan-right');
    const panned = await visibleRange(page);
    expect(panned.start).toBeGreaterThan(zoomed.start);
    expect(panned.end - panned.start).toBeCloseTo(zoomed.end - zoomed.start, 5);

    const box = (await page.locator('#timeline-canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + 60);
    await page.mouse.wheel(0, -400);
    await page.waitForFunction((span) => {
      const el = (globalThis as any).document.getElementById('visible-range');
      return Number(el.getAttribute('data-end')) - Number(el.getAttribute('data-start')) < span;
    }, panned.end - panned.start);
    const wheeled = await visibleRange(page);
    expect(wheeled.end - wheeled.start).toBeLessThan(panned.end - panned.start);

    await page.mouse.move(box.x + box.width * 0.5, box.y + 60);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, box.y + 60, { steps: 4 });
    await page.mouse.up();
    const dragged = await visibleRange(page);
    expect(dragged.start).toBeGreaterThan(wheeled.start);
    expect(dragged.end - dragged.start).toBeCloseTo(wheeled.end - wheeled.start, 5);

    await page.click('#zoom-fit');
    expect(await visibleRange(page)).toEqual(full);
    await leaveCanvas(page);
  });

  test("'only threads alive in view' leaves out the lanes of threads not alive in the visible range", async () => {
    const { page } = r;
    const shownThreads = () =>
      page.evaluate(
        () =>
          (globalThis as any).kernelSimTimeline
            .lanes()
            .filter((l: any) => l.kind === 'thread' && l.shown).length,
      );
    await page.evaluate(() => (globalThis as any).kernelSimTimeline.setRange(0, 20));
    const alive = run.model.threads.filter((t) => t.spawnTick <= 20 && t.endTick >= 0).length;
    expect(await shownThreads()).toBe(alive);
    expect(alive).toBeLessThan(run.model.threads.length);
    expect(await page.locator('#lane-list [data-shown="true"][data-kind="thread"]').count()).toBe(
      alive,
    );
    await page.uncheck('#only-alive');
    expect(await shownThreads()).toBe(run.model.threads.length);
    await page.check('#only-alive');
    await page.click('#zoom-fit');
    expect(await shownThreads()).toBe(run.model.threads.length);
  });

  test('summary panel: outcome, seed, reproduce command, swap table, plugin reports', async () => {
    const { page } = r;
    expect(await page.textContent('#summary-outcome')).toBe('passed');
    expect(await page.textContent('#summary-seed')).toBe('3');
    expect(await page.textContent('#reproduce')).toBe(
      'kernel-sim scenario swap-fixture.ts --seed 3',
    );
    const row = page.locator('#swap-table tr[data-swap="1"]');
    expect(await row.getAttribute('data-outcome')).toBe('completed');
    expect(await page.textContent('#plugin-reports [data-plugin="counter"] pre')).toBe(
      'Counter#2.inc: 40',
    );
  });
});

describeBrowser('HTML report of a rolled-back swap', () => {
  test('the band ends in aborted, with the reason on hover', async () => {
    const run = recordSwapRun({ veto: true });
    const { page } = await open(renderHtmlReport(run.model, { ...run.result }), 'aborted');
    const listed = await page.$$eval('#swap-table ol[data-swap="1"] [data-phase]', (els) =>
      els.map((e) => e.getAttribute('data-phase')),
    );
    expect(listed).toEqual(['negotiate', 'forward', 'block', 'transfer', 'aborted']);
    const tip = await hoverPhase(page, 1, 'transfer');
    expect(tip).toContain('outcome aborted');
    expect(tip).toContain('the teacher said no');
    expect(await page.textContent('#swap-table tr[data-swap="1"]')).toContain(
      'vetoed by before(): the teacher said no',
    );
  });
});

describeBrowser('HTML report of a per-CPU-mediated swap', () => {
  test('hovering a phase names the tick each CPU entered block; the table lists each CPU', async () => {
    const run = recordSwapRun({ seed: 3, cpus: 4, mediation: 'per-cpu' });
    const { page } = await open(renderHtmlReport(run.model, { ...run.result }), 'per-cpu');
    const blocks = run.model.swaps[0].cpuPhases.filter((m) => m.phase === 'block');
    expect(blocks.length).toBe(4);
    const tip = await hoverPhase(page, 1, 'forward');
    for (const m of blocks) expect(tip).toContain(`cpu ${m.cpu} at ${m.tick}`);
    const cpus = await page.$$eval('#swap-table ul.cpu-phases[data-swap="1"] li', (els) =>
      els.map((e) => e.getAttribute('data-cpu')),
    );
    expect(cpus).toEqual(['0', '1', '2', '3']);
  });
});

describeBrowser('HTML report of 100,000 calls', () => {
  test('draws only what is visible, aggregates when zoomed out, stays responsive', async () => {
    const big = recordBigRun();
    expect(big.model.calls.id.length).toBeGreaterThanOrEqual(100_000);
    const bytesPerCall = JSON.stringify(big.model).length / big.model.calls.id.length;
    expect(bytesPerCall).toBeLessThan(80);
    const { page } = await open(renderHtmlReport(big.model, { ...big.result }), 'big');
    const timing = await page.evaluate(() => {
      const tl = (globalThis as any).kernelSimTimeline;
      tl.setRange(0, tl.model.endTick);
      const t0 = performance.now();
      for (let k = 0; k < 5; k++) tl.redraw();
      const fit = (performance.now() - t0) / 5;
      const itemsFit = tl.stats.lastItems;
      tl.setRange(5000, 5200);
      const t1 = performance.now();
      for (let k = 0; k < 5; k++) tl.redraw();
      return {
        fit,
        itemsFit,
        zoomed: (performance.now() - t1) / 5,
        itemsZoomed: tl.stats.lastItems,
      };
    });
    console.log(
      `100k calls: draw at fit ${timing.fit.toFixed(1)} ms (${timing.itemsFit} items visited), zoomed ${timing.zoomed.toFixed(1)} ms (${timing.itemsZoomed})`,
    );
    expect(timing.fit).toBeLessThan(250);
    expect(timing.zoomed).toBeLessThan(100);
    expect(timing.itemsFit).toBeLessThan(big.model.calls.id.length / 2);
    const c = big.model.calls;
    const lastWork = c.id.findLastIndex((_, i) => c.end[i] > c.start[i] && c.thread[i] > 0);
    expect(await hoverCall(page, c.id[lastWork])).toContain(`call ${c.id[lastWork]}`);
    const range = await visibleRange(page);
    expect(range.end - range.start).toBeLessThan(100);
  });
});

describeBrowser('HTML reports of bundled scenarios', () => {
  function scenarioReport(scenario: Parameters<typeof runScenario>[0]): {
    model: TimelineModel;
    report: ReturnType<typeof runScenario>;
  } {
    let rec: TimelineRecorder | undefined;
    const report = runScenario(scenario, {
      seed: 1,
      attach: (sim) => void (rec = recordTimeline(sim)),
    });
    return { model: rec!.model(), report };
  }

  test('swap-scheduler: CPU and thread lanes, the phases in order, the scheduler calls on both versions', async () => {
    const { model, report } = scenarioReport(swapScheduler);
    expect(report.outcome).toBe('passed');
    const { page } = await open(renderHtmlReport(model, report), 'swap-scheduler');
    expect(await page.locator('#lane-list [data-kind="cpu"]').count()).toBe(model.cpus);
    expect(await page.locator('#lane-list [data-kind="thread"]').count()).toBe(
      model.threads.length,
    );
    const listed = await page.$$eval('#swap-table ol[data-swap="1"] [data-phase]', (els) =>
      els.map((e) => e.getAttribute('data-phase')),
    );
    expect(listed).toEqual(['negotiate', 'forward', 'block', 'transfer', 'complete']);
    const pick = model.calls.label.findIndex((l) => model.labels[l].startsWith('scheduler.'));
    expect(await hoverCall(page, model.calls.id[pick])).toContain('kernel context');
  });

  test('stuck-swap: the band ends aborted in forward, naming the blocker', async () => {
    const { model, report } = scenarioReport(stuckSwap);
    const { page } = await open(renderHtmlReport(model, report), 'stuck-swap');
    const listed = await page.$$eval('#swap-table ol[data-swap="1"] [data-phase]', (els) =>
      els.map((e) => e.getAttribute('data-phase')),
    );
    expect(listed).toEqual(['negotiate', 'forward', 'aborted']);
    const tip = await hoverPhase(page, 1, 'forward');
    expect(tip).toContain('outcome aborted: timeout');
    expect(tip).toContain('blocked by thread');
  });
});

describeBrowser('screenshots', () => {
  // UPDATE_SCREENSHOT=1 refreshes docs/timeline.png (swap-scheduler, around the swap) and
  // docs/timeline-held.png (the fixture, with held calls); otherwise they go to a scratch dir.
  const dir = process.env.UPDATE_SCREENSHOT === '1' ? 'docs' : mkdtempSync(join(tmpdir(), 'shot-'));

  async function shoot(r: OpenedReport, file: string): Promise<void> {
    const png = await r.page.screenshot();
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(20_000);
    writeFileSync(join(dir, file), png);
  }

  test('swap-scheduler around its swap, hovering a scheduler call on the new version', async () => {
    let rec: TimelineRecorder | undefined;
    const report = runScenario(swapScheduler, {
      seed: 1,
      source: 'swap-scheduler.ts',
      attach: (sim) => void (rec = recordTimeline(sim)),
    });
    const model = rec!.model();
    const r = await open(renderHtmlReport(model, report), 'shot-scheduler');
    const s = model.swaps[0];
    const c = model.calls;
    // around the end of block: held admissions released, then the dispatcher on version 2
    const done = s.phases.at(-1)!.start;
    const pick = c.id.findIndex(
      (_, i) => c.thread[i] === -1 && c.version[i] === 2 && c.start[i] > done + 60,
    );
    await r.page.evaluate(
      ([a, b]) => (globalThis as any).kernelSimTimeline.setRange(a, b),
      [done - 300, done + 100],
    );
    expect(await hoverCall(r.page, c.id[pick], true)).toContain('reached version 2 (StridePolicy)');
    await shoot(r, 'timeline.png');
  });

  test('the swap fixture, hovering a held call', async () => {
    const run = recordSwapRun();
    const r = await open(
      renderHtmlReport(run.model, {
        ...run.result,
        scenario: 'swap fixture',
        reproduce: 'kernel-sim scenario swap-fixture.ts --seed 3',
      }),
      'shot-held',
    );
    await r.page.click('#zoom-fit');
    await hoverCall(r.page, heldCallId(run.model));
    await shoot(r, 'timeline-held.png');
  });
});

describeBrowser('the page is self-contained', () => {
  test('no console errors and no requests beyond the file, on every report opened', () => {
    expect(opened.length).toBeGreaterThanOrEqual(3);
    for (const r of opened) {
      expect(r.errors, r.path).toEqual([]);
      expect(r.requests, r.path).toEqual([]);
    }
  });
});
