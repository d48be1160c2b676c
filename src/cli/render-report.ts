/**
 * renderReport: a ScenarioReport as lines for people, in three parts printed
 * in this order (TigerBeetle style: the seed first, the verdict last):
 *
 *   renderHeader   seed (and whether it was drawn), options, scenario
 *   renderAccount  threads (the first FAILED_THREADS_SHOWN failed ones with
 *                  their errors; --json has all), calls, objects, each swap
 *                  with its phases and their ticks, plugin reports (the object
 *                  and per-object call lists show ACCOUNT_ITEMS_MAX items and a
 *                  count of the rest)
 *   renderVerdict  `PASSED (N ticks)` or `FAILED <outcome>: <reason> at tick N`,
 *                  then `reproduce: kernel-sim scenario ...`
 *
 * Colours come from the picocolors instance passed in (all no-ops when
 * colour is off), so the text reads the same piped or on a terminal.
 */
import type pc from 'picocolors';
import type { ResolvedOptions } from '../simulation/index.ts';
import type { ScenarioReport, SwapReport } from '../scenario/index.ts';

/** How many failed threads the text account lists (the JSON report has all). */
export const FAILED_THREADS_SHOWN = 3;

export type Colors = ReturnType<typeof pc.createColors>;

export interface HeaderInfo {
  readonly seed: number;
  readonly seedDrawn: boolean;
  readonly options: ResolvedOptions;
  readonly scenario: {
    readonly name: string;
    readonly description: string;
    readonly source: string;
  };
}

export function renderHeader(h: HeaderInfo, c: Colors): string[] {
  const { seed: _seed, ...rest } = h.options;
  const options = Object.entries(rest)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
  const drawn = h.seedDrawn ? c.dim(` (drawn at random; --seed ${h.seed} replays this run)`) : '';
  return [
    `${c.bold('seed:')} ${h.seed}${drawn}`,
    `${c.bold('options:')} ${options}`,
    `${c.bold('scenario:')} ${h.scenario.name} (${h.scenario.source}): ${h.scenario.description}`,
  ];
}

export function renderAccount(r: ScenarioReport, c: Colors): string[] {
  const t = r.threads;
  const k = r.calls;
  const perObject = capped(Object.entries(k.byObject).map(([name, n]) => `${name} ${n}`));
  const lines = [
    '',
    `${c.bold('threads:')} ${t.spawned} spawned, ${t.exited} exited, ${t.failed} failed${t.alive > 0 ? `, ${t.alive} still alive` : ''}`,
    ...renderFailedThreads(r, c),
    `${c.bold('calls:')} ${k.entered} entered, ${k.exited} exited, ${k.failed} failed${perObject === '' ? '' : ` (${perObject})`}`,
    `${c.bold('objects:')} ${capped(r.objects.map((o) => `${o.name} ${o.class} v${o.version}${o.state === 'live' ? '' : ` (${o.state})`}`)) || 'none'}`,
    `${c.bold('events:')} ${r.events}, hash ${r.eventsHash}`,
  ];
  lines.push(
    r.swaps.length === 0 ? `${c.bold('swaps:')} none` : `${c.bold('swaps:')} ${r.swaps.length}`,
  );
  for (const s of r.swaps) lines.push(...renderSwap(s, c));
  if (r.summary.length > 0) lines.push(c.bold('summary:'), ...r.summary.map((l) => `  ${l}`));
  for (const p of r.plugins) {
    lines.push(`${c.bold(`plugin ${p.name}:`)}`);
    lines.push(...p.lines.map((l) => `  ${l}`));
  }
  return lines;
}

/** The first ACCOUNT_ITEMS_MAX items, joined, and how many more (an object bomb names 10^5 objects). */
export const ACCOUNT_ITEMS_MAX = 20;
function capped(items: readonly string[]): string {
  const shown = items.slice(0, ACCOUNT_ITEMS_MAX).join(', ');
  const more = items.length - ACCOUNT_ITEMS_MAX;
  return more > 0 ? `${shown}, ... and ${more} more (--json lists them all)` : shown;
}

function renderFailedThreads(r: ScenarioReport, c: Colors): string[] {
  const failed = r.failedThreads;
  const lines = failed
    .slice(0, FAILED_THREADS_SHOWN)
    .map(
      (f) =>
        `  ${c.red('failed:')} thread '${f.name}' (#${f.thread}) at tick ${f.tick}: ${f.error}`,
    );
  if (failed.length > FAILED_THREADS_SHOWN)
    lines.push(`  ... and ${failed.length - FAILED_THREADS_SHOWN} more (all in --json)`);
  return lines;
}

function renderSwap(s: SwapReport, c: Colors): string[] {
  const outcome =
    s.outcome === 'completed'
      ? c.green(s.outcome)
      : s.outcome === 'pending'
        ? c.yellow(s.outcome)
        : c.red(s.outcome);
  const pairs = s.objects.map((o, i) => `${o} ${s.from[i]} -> ${s.to[i]}`).join(', ');
  const phases = s.phases.map((p) => `${p.phase} ${p.ticks}`).join(', ');
  const lines = [
    `  swap ${s.id}: ${pairs}, requested at tick ${s.requestedTick}: ${outcome}${s.outcome === 'pending' ? ` (in ${s.phase} at the end)` : ''}`,
    `    phases (ticks): ${phases}`,
    `    calls: ${s.forwarded} forwarded, ${s.held} held (longest hold ${s.maxHoldTicks} ticks)`,
  ];
  if (s.reason !== null) lines.push(`    reason: ${s.reason}`);
  return lines;
}

export function renderVerdict(r: ScenarioReport, c: Colors): string[] {
  const verdict =
    r.outcome === 'passed'
      ? c.green(c.bold(`PASSED (${r.ticks} ticks)`))
      : c.red(c.bold(`FAILED ${r.outcome}: ${r.reason ?? 'no reason given'} at tick ${r.ticks}`));
  return [verdict, `reproduce: ${r.reproduce}`];
}
