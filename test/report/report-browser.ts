/**
 * Browser helpers for the HTML report: launch Debian's Chromium through
 * playwright-core the one way that works on machines without internet
 * access, and take a PNG screenshot of a report.
 *
 * Interface:
 *   launchReportBrowser()             a persistent context on a fresh, empty
 *                                     user-data dir; `close()` also removes it
 *   screenshotReport(html, png, opts) render a report file (or HTML text) and
 *                                     write a PNG of the page; returns the path
 * As a script: `npx jiti test/report/report-browser.ts REPORT.html OUT.png [START END]`
 * (e.g. after `kernel-sim scenario swap-scheduler.ts --seed 1 --report out.html`,
 * `... out.html docs/timeline.png 900 1300` refreshes docs/timeline.png).
 *
 * Chromium is Debian's package at /usr/bin/chromium (`apt-get install -y
 * chromium`; .ci/setup-browser installs it in CI). A test tool's own browser
 * download fails on these machines. The flags keep Chromium off the network;
 * without them it keeps trying to reach Google's hosts.
 *
 * A test helper, not part of the package: playwright-core is a dev dependency,
 * and nothing in dist may import one.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Whether the browser tests run. Locally, without Chromium, they are skipped
 * with one line saying how to install it; with KERNEL_SIM_REQUIRE_BROWSER set
 * (.ci/run sets it) they run and fail with the install command instead.
 */
export function chromiumPresent(
  path = CHROMIUM_PATH,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  return existsSync(path) || env.KERNEL_SIM_REQUIRE_BROWSER !== undefined;
}
export const CHROMIUM_PRESENT = chromiumPresent();
export const CHROMIUM_SKIP_REASON =
  `Chromium is not installed at ${CHROMIUM_PATH}: the HTML report's browser tests are skipped ` +
  '(install it: apt-get update && apt-get install -y chromium; CI always runs them)';

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ReportBrowser {
  readonly context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Throws a clear error when Debian's Chromium is not installed. */
export function checkChromium(path = CHROMIUM_PATH): void {
  if (!existsSync(path)) {
    throw new Error(
      `Chromium is not installed at ${path}: the HTML report's browser tests need Debian's package. ` +
        'Install it with `apt-get update && apt-get install -y chromium` (CI runs .ci/setup-browser for this).',
    );
  }
}

export async function launchReportBrowser(
  viewport = { width: 1400, height: 900 },
): Promise<ReportBrowser> {
  checkChromium();
  const userDataDir = mkdtempSync(join(tmpdir(), 'kernel-sim-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
    viewport,
  });
  return {
    context,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface ScreenshotOptions {
  readonly width?: number;
  readonly height?: number;
  /** Screenshot the whole page rather than the viewport. */
  readonly fullPage?: boolean;
  /** Visible tick range [start, end] of the timeline (default: the whole run). */
  readonly range?: readonly [number, number];
}

/** Render a report (a file path, or HTML text when it starts with '<') and write a PNG. */
export async function screenshotReport(
  report: string,
  pngPath: string,
  o: ScreenshotOptions = {},
): Promise<string> {
  let htmlPath = report;
  let scratch: string | null = null;
  if (report.trimStart().startsWith('<')) {
    scratch = mkdtempSync(join(tmpdir(), 'kernel-sim-report-'));
    htmlPath = join(scratch, 'report.html');
    writeFileSync(htmlPath, report);
  }
  const browser = await launchReportBrowser({ width: o.width ?? 1400, height: o.height ?? 900 });
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(resolve(htmlPath)).href);
    await page.waitForSelector('body[data-ready="true"]');
    if (o.range !== undefined)
      await page.evaluate(
        ([a, b]) => (globalThis as any).kernelSimTimeline.setRange(a, b),
        o.range,
      );
    await page.screenshot({ path: pngPath, fullPage: o.fullPage ?? false });
    return pngPath;
  } finally {
    await browser.close();
    if (scratch !== null) rmSync(scratch, { recursive: true, force: true });
  }
}

const invokedDirectly =
  process.argv[1] !== undefined &&
  resolve(process.argv[1]).replace(/\.ts$/, '') ===
    resolve(new URL(import.meta.url).pathname).replace(/\.(ts|js)$/, '');
if (invokedDirectly) {
  const [report, png, start, end] = process.argv.slice(2);
  if (report === undefined || png === undefined) {
    console.error(
      'usage: npx jiti test/report/report-browser.ts REPORT.html OUT.png [START_TICK END_TICK]',
    );
    process.exit(2);
  }
  const range =
    start !== undefined && end !== undefined ? ([Number(start), Number(end)] as const) : undefined;
  screenshotReport(report, png, range === undefined ? {} : { range }).then(
    (p) => console.log(`wrote ${p}`),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    },
  );
}
