/**
 * Test helper: open an HTML report in the shared headless Chromium and
 * collect what must stay empty (console errors, page errors, requests that
 * leave the file) alongside the page.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import type { ReportBrowser } from './report-browser.ts';

export interface OpenedReport {
  readonly page: Page;
  readonly path: string;
  /** Console errors and uncaught exceptions. */
  readonly errors: string[];
  /** URLs requested other than the report file itself. */
  readonly requests: string[];
}

const dir = mkdtempSync(join(tmpdir(), 'kernel-sim-report-test-'));
let serial = 0;

export async function openReport(
  browser: ReportBrowser,
  html: string,
  name = 'report',
): Promise<OpenedReport> {
  const path = join(dir, `${name}-${serial++}.html`);
  writeFileSync(path, html);
  const url = pathToFileURL(path).href;
  const page = await browser.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    if (r.url() !== url) requests.push(r.url());
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  return { page, path, errors, requests };
}

export async function visibleRange(page: Page): Promise<{ start: number; end: number }> {
  const el = page.locator('#visible-range');
  return {
    start: Number(await el.getAttribute('data-start')),
    end: Number(await el.getAttribute('data-end')),
  };
}

/** Move the mouse onto a call's bar (zooming to it unless keepRange) and return the tooltip text. */
export async function hoverCall(page: Page, callId: number, keepRange = false): Promise<string> {
  const p = await page.evaluate(
    ([id, keep]) => (globalThis as any).kernelSimTimeline.locateCall(id, keep),
    [callId, keepRange] as const,
  );
  if (p === null) throw new Error(`call ${callId} is not in the report`);
  await leaveCanvas(page);
  await page.mouse.move(p.x, p.y);
  await page.waitForSelector('#tooltip:not([hidden])');
  return (await page.textContent('#tooltip')) ?? '';
}

export async function hoverPhase(page: Page, swap: number, phase: string): Promise<string> {
  const p = await page.evaluate(
    ([s, ph]) => (globalThis as any).kernelSimTimeline.locatePhase(s, ph),
    [swap, phase] as const,
  );
  if (p === null) throw new Error(`swap ${swap} has no phase ${phase} in the report`);
  await leaveCanvas(page);
  await page.mouse.move(p.x, p.y);
  await page.waitForSelector('#tooltip:not([hidden])');
  return (await page.textContent('#tooltip')) ?? '';
}

/** Move the pointer off the timeline, so the tooltip hides and the next hover is fresh. */
export async function leaveCanvas(page: Page): Promise<void> {
  await page.mouse.move(2, 2);
  await page.waitForSelector('#tooltip', { state: 'hidden' });
}
