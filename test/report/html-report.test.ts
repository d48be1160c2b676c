import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createSimulation, defineScenario, sleep } from 'kernel-sim';
import { runScenario } from '../../src/scenario/index.ts';
import {
  recordTimeline,
  renderHtmlReport,
  writeHtmlReport,
  type TimelineRecorder,
} from '../../src/report/index.ts';
import { CHROMIUM_ARGS, checkChromium, chromiumPresent } from './report-browser.ts';
import { Counter, Counter2, recordSwapRun } from './swap-fixture.ts';

function embedded(html: string, id: string): unknown {
  const m = new RegExp(`<script type="application/json" id="${id}">(.*?)</script>`, 's').exec(html);
  if (m === null) throw new Error(`no #${id} in the page`);
  return JSON.parse(m[1]);
}

describe('renderHtmlReport', () => {
  const run = recordSwapRun();
  const html = renderHtmlReport(run.model, {
    ...run.result,
    scenario: 'fixture',
    reproduce: 'kernel-sim scenario fixture.ts --seed 3',
  });

  test('one self-contained page: no external script, style, image, font or link', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<img\b/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import/);
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  test('embeds the model (round-trips) and the colours', () => {
    expect(embedded(html, 'timeline-data')).toEqual(run.model);
    expect(embedded(html, 'timeline-config')).toMatchObject({
      runEnds: expect.arrayContaining(['preempted']),
    });
  });

  test('static hooks: lanes, swap phases in order, tooltip, range readout, toolbar', () => {
    for (const l of run.model.lanes) expect(html).toContain(`data-lane="${l.key}"`);
    const phases = [
      ...html.matchAll(/<ol class="phases swap-phases" data-swap="1">(.*?)<\/ol>/gs),
    ][0][1];
    expect([...phases.matchAll(/data-phase="(\w+)"/g)].map((m) => m[1])).toEqual([
      'negotiate',
      'forward',
      'block',
      'transfer',
      'complete',
    ]);
    for (const id of [
      'tooltip',
      'visible-range',
      'zoom-in',
      'zoom-out',
      'pan-left',
      'pan-right',
      'zoom-fit',
      'timeline-canvas',
      'legend',
      'swap-table',
      'reproduce',
    ]) {
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('kernel-sim scenario fixture.ts --seed 3');
  });

  test('the same model gives the same page', () => {
    expect(
      renderHtmlReport(recordSwapRun().model, {
        ...run.result,
        scenario: 'fixture',
        reproduce: 'kernel-sim scenario fixture.ts --seed 3',
      }),
    ).toBe(html);
  });

  test('names from user code are escaped everywhere (no markup injection, no early </script>)', () => {
    const sim = createSimulation({ seed: 1 });
    const rec = recordTimeline(sim);
    const c = sim.objects.createNamed('</script><b>evil</b>', Counter);
    sim.spawn('<img src=x onerror=alert(1)>', function* () {
      c.inc();
      yield* sleep(1);
    });
    sim.at(1, () => void sim.hotswap(c, Counter2));
    sim.run();
    const page = renderHtmlReport(rec.model(), {
      scenario: '<i>x</i>',
      reason: 'a & b',
      plugins: [{ name: '<p>', lines: ['</pre><script>'] }],
    });
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<b>evil</b>');
    expect(page).not.toContain('<i>x</i>');
    expect(page).not.toContain('</pre><script>');
    expect(page.match(/<\/script>/g)).toHaveLength(3);
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(embedded(page, 'timeline-data')).toEqual(rec.model());
  });

  test('a run without swaps or threads still renders', () => {
    const sim = createSimulation({ seed: 1 });
    const rec = recordTimeline(sim);
    sim.run();
    const page = renderHtmlReport(rec.model());
    expect(page).toContain('No swap in this run.');
    expect(page).toContain('data-lane="cpu-0"');
    expect(page).toContain('<title>kernel-sim: simulation run</title>');
  });

  test('writeHtmlReport writes the page and returns the path', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'html-report-')), 'out.html');
    expect(writeHtmlReport(path, run.model, { outcome: 'passed' })).toBe(path);
    expect(readFileSync(path, 'utf8')).toBe(renderHtmlReport(run.model, { outcome: 'passed' }));
  });

  test("a ScenarioReport spreads into the summary as it is (the CLI's --report path)", () => {
    const scenario = defineScenario({
      name: 'tiny-swap',
      description: 'a counter swapped while a thread calls it',
      setup(sim) {
        const c = sim.objects.create(Counter);
        sim.spawn('caller', function* () {
          for (let i = 0; i < 5; i++) {
            yield* c.slowInc(3);
            yield* sleep(1);
          }
        });
        sim.at(4, () => void sim.hotswap(c, Counter2));
      },
    });
    let rec: TimelineRecorder | undefined;
    const report = runScenario(scenario, {
      seed: 5,
      attach: (sim) => void (rec = recordTimeline(sim)),
    });
    const page = renderHtmlReport(rec!.model(), report);
    expect(page).toContain('<title>kernel-sim: tiny-swap</title>');
    expect(page).toContain('a counter swapped while a thread calls it');
    expect(page).toContain(`<pre id="reproduce">${report.reproduce}</pre>`);
    expect(page).toContain('<span id="summary-seed">5</span>');
    expect(rec!.model().swaps[0].outcome).toBe('completed');
  });
});

describe('browser helper', () => {
  test('the browser tests skip only where Chromium is missing outside CI', () => {
    expect(chromiumPresent('/nonexistent/chromium', {})).toBe(false);
    expect(chromiumPresent('/nonexistent/chromium', { KERNEL_SIM_REQUIRE_BROWSER: '1' })).toBe(
      true,
    );
    expect(chromiumPresent(process.execPath, {})).toBe(true);
  });

  test('a missing Chromium is a clear failure that names the install command (CI never skips)', () => {
    expect(() => checkChromium('/nonexistent/chromium')).toThrow(
      /Chromium is not installed at \/nonexistent\/chromium.*apt-get update && apt-get install -y chromium/,
    );
    expect(CHROMIUM_ARGS).toEqual(
      expect.arrayContaining([
        '--headless',
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-quic',
      ]),
    );
  });
});
