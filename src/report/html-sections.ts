/**
 * The HTML report's static sections, rendered on the server side so they
 * work (and can be tested) without the canvas: the toolbar, the legend, the
 * accessible lane list (`[data-lane]`), the summary facts, the swap table
 * (each swap's phases in order as `[data-phase]` items) and the plugin
 * reports. Every text from the model or the summary is escaped.
 */
import { PHASES } from '../hotswap/index.ts';
import { escapeHtml as esc } from './html-escape.ts';
import { MARK_COLORS, PHASE_COLORS, versionColor } from './report-colors.ts';
import { scenarioOf, type ReportSummary } from './report-summary.ts';
import { aggregatedText } from './report-budget.ts';
import type { SwapInfo, TimelineModel } from './timeline-model.ts';

export function toolbarHtml(): string {
  const b = (id: string, text: string, label: string) =>
    `<button type="button" id="${id}" title="${label}" aria-label="${label}">${text}</button>`;
  return `<div class="toolbar" role="toolbar" aria-label="time axis">
${b('zoom-in', '+', 'zoom in')}${b('zoom-out', '&minus;', 'zoom out')}${b('pan-left', '&#9664;', 'pan left')}${b('pan-right', '&#9654;', 'pan right')}${b('zoom-fit', 'fit', 'show the whole run')}
<label><input type="checkbox" id="only-alive" checked> only threads alive in view</label>
<output id="visible-range" aria-live="polite" data-start="0" data-end="0">ticks</output>
<span class="hint">wheel: zoom &middot; shift+wheel or drag: pan &middot; hover: details</span>
</div>`;
}

function item(swatch: string, text: string, attrs = ''): string {
  return `<span class="item"${attrs}>${swatch}${esc(text)}</span>`;
}

function swatch(color: string, cls = 'swatch'): string {
  return `<span class="${cls}" style="background:${color}"></span>`;
}

export function legendHtml(model: TimelineModel): string {
  const versionMax = model.objects.reduce(
    (m, o) => Math.max(m, ...o.versions.map((v) => v.version)),
    1,
  );
  const versions = Array.from({ length: versionMax + 1 }, (_, v) =>
    item(
      swatch(versionColor(v)),
      v === 0 ? 'call that reached no version' : `call on version ${v}`,
      ` data-version="${v}"`,
    ),
  );
  const phases = PHASES.filter((p) => p !== 'done').map(
    (p) => `<li data-phase="${p}" style="background:${PHASE_COLORS[p]}">${p}</li>`,
  );
  phases.push(`<li data-phase="aborted" style="background:${PHASE_COLORS.aborted}">aborted</li>`);
  return `<div class="legend" id="legend" aria-label="legend">
${versions.join('\n')}
${item('<span class="swatch held"></span>', 'held by a swap (waiting), then released')}
${item(swatch(MARK_COLORS.running), 'thread running on a CPU')}
${item(swatch(MARK_COLORS.lifetime), 'thread alive')}
${item(swatch(MARK_COLORS.busy), 'CPU busy with many short runs (zoom in to see them)')}
${item(swatch(MARK_COLORS.generation, 'swatch line'), 'generation advanced')}
${item(swatch(MARK_COLORS.quiescenceRequested, 'swatch line'), 'quiescence requested')}
${item(swatch(MARK_COLORS.quiescenceReached, 'swatch line'), 'quiescence reached')}
${item(swatch(MARK_COLORS.error), 'call failed (red outline)')}
<span class="item">swap phases: <ol class="phases" id="phase-legend">${phases.join('')}</ol></span>
</div>`;
}

export function laneListHtml(model: TimelineModel): string {
  const items = model.lanes.map(
    (l) =>
      `<li data-lane="${esc(l.key)}" data-kind="${l.kind}" data-rows="${l.rows}">${esc(l.label)}</li>`,
  );
  return `<ul id="lane-list" class="visually-hidden" aria-label="lanes">${items.join('')}</ul>`;
}

/** Calls in the run: those in the model and those a budget folded into bins. */
export function callsInRun(model: TimelineModel): number {
  return model.calls.id.length + (model.aggregates?.callsAggregated ?? 0);
}

/** The report's plain statement of what it aggregated (nothing when it kept every call). */
export function aggregatedHtml(model: TimelineModel): string {
  const text = aggregatedText(model);
  return text === null ? '' : `<p id="aggregated" class="aggregated">${esc(text)}</p>`;
}

function fact(name: string, value: string | undefined): string {
  return value === undefined ? '' : `<dt>${esc(name)}</dt><dd>${value}</dd>`;
}

export function factsHtml(model: TimelineModel, s: ReportSummary): string {
  const outcome =
    s.outcome === undefined
      ? undefined
      : `<span class="outcome outcome-${esc(s.outcome)}" id="summary-outcome">${esc(s.outcome)}</span>`;
  const seed = s.seed ?? model.seed ?? undefined;
  const scenario = scenarioOf(s).name;
  return `<dl class="facts" id="facts">
${fact('scenario', scenario === undefined ? undefined : esc(scenario))}
${fact('outcome', outcome)}
${fact('reason', s.reason === undefined || s.reason === null ? undefined : esc(s.reason))}
${fact('seed', seed === undefined ? undefined : `<span id="summary-seed">${seed}</span>`)}
${fact('ticks', String(s.ticks ?? model.endTick))}
${fact('cpus', String(model.cpus))}
${fact('threads', String(model.threads.length))}
${fact('calls', String(callsInRun(model)))}
${fact('events', String(model.events))}
${fact('event log hash', s.eventsHash === undefined ? undefined : `<code>${esc(s.eventsHash)}</code>`)}
</dl>
${s.reproduce === undefined ? '' : `<h3>Reproduce</h3><pre id="reproduce">${esc(s.reproduce)}</pre>`}`;
}

function phaseList(s: SwapInfo): string {
  const items = s.phases.map((p) => {
    const title = `${p.phase}: ticks ${p.start}-${p.end} (${p.end - p.start} ticks)`;
    return `<li data-phase="${p.phase}" data-start="${p.start}" data-end="${p.end}" title="${esc(title)}" style="background:${PHASE_COLORS[p.phase as keyof typeof PHASE_COLORS] ?? '#999'}">${p.phase} ${p.end - p.start}</li>`;
  });
  if (s.outcome === 'aborted' || s.outcome === 'refused') {
    items.push(
      `<li data-phase="${s.outcome}" data-start="${s.outcomeTick ?? ''}" style="background:${PHASE_COLORS[s.outcome]}">${s.outcome}</li>`,
    );
  }
  return `<ol class="phases swap-phases" data-swap="${s.swap}">${items.join('')}</ol>${cpuPhaseList(s)}`;
}

/** Per-CPU mediation: when each CPU's mediator entered forward and block (nothing under global mediation). */
function cpuPhaseList(s: SwapInfo): string {
  if (s.cpuPhases.length === 0) return '';
  const cpus = [...new Set(s.cpuPhases.map((m) => m.cpu))].sort((a, b) => a - b);
  const items = cpus.map((cpu) => {
    const marks = s.cpuPhases.filter((m) => m.cpu === cpu);
    const text = marks
      .map((m) => `${m.phase} at ${m.tick}${m.noRep ? ' (no rep)' : ''}`)
      .join(', ');
    const block = marks.find((m) => m.phase === 'block');
    return `<li data-cpu="${cpu}" data-block="${block?.tick ?? ''}">CPU ${cpu}: ${text}</li>`;
  });
  return `<ul class="cpu-phases" data-swap="${s.swap}" title="per-CPU mediation: each CPU leaves forward on its own generation marker">${items.join('')}</ul>`;
}

function objectNames(model: TimelineModel, ids: readonly number[]): string {
  return ids.map((id) => model.objects.find((o) => o.id === id)?.name ?? `#${id}`).join(', ');
}

export function swapTableHtml(model: TimelineModel): string {
  if (model.swaps.length === 0) return '<p class="muted" id="swap-table">No swap in this run.</p>';
  const rows = model.swaps.map(
    (s) => `<tr data-swap="${s.swap}" data-outcome="${s.outcome}">
<td class="num">${s.swap}</td><td>${esc(objectNames(model, s.objects))}</td><td>${esc(s.from.join(', '))} &rarr; ${esc(s.to.join(', '))}</td>
<td>${phaseList(s)}</td><td class="num">${s.requestedTick}</td><td class="num">${s.doneTick ?? 'not done'}</td>
<td>${esc(s.outcome)}</td><td>${esc(s.reason)}${s.stalls.map((x) => `<br>stalled in ${x.phase} at tick ${x.tick}: ${esc(x.blockers)}`).join('')}</td>
<td class="num">${s.held}</td><td class="num">${s.maxHoldTicks}</td><td class="num">${s.outcome === 'completed' ? s.forwarded : '&ndash;'}</td></tr>`,
  );
  return `<table id="swap-table"><thead><tr><th>swap</th><th>objects</th><th>classes</th><th>phases (ticks each)</th><th>requested</th><th>done</th><th>outcome</th><th>reason</th><th>held calls</th><th>longest hold</th><th>forwarded</th></tr></thead>
<tbody>${rows.join('')}</tbody></table>`;
}

export function quiescenceTableHtml(model: TimelineModel): string {
  const shown = model.quiescence.filter((q) => q.label !== 'reclaim');
  if (shown.length === 0) return '';
  const rows = shown.map(
    (
      q,
    ) => `<tr><td class="num">${q.request}</td><td>${esc(q.label)}</td><td class="num">${q.requestedTick}</td>
<td class="num">${q.reachedTick ?? (q.cancelledTick === null ? 'not reached' : `cancelled at ${q.cancelledTick}`)}</td><td class="num">${q.lagTicks ?? ''}</td></tr>`,
  );
  return `<h3>Quiescence requests</h3><table id="quiescence-table"><thead><tr><th>request</th><th>label</th><th>requested</th><th>reached</th><th>lag behind oracle</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function objectTableHtml(model: TimelineModel): string {
  const swapped = model.objects.filter((o) => o.versions.length > 1);
  if (swapped.length === 0) return '';
  const rows = swapped.map(
    (o) =>
      `<tr><td>${esc(o.name)}</td><td>${o.versions
        .map(
          (v) =>
            `<span class="item">${swatch(versionColor(v.version))} v${v.version} ${esc(v.class)} (from tick ${v.tick})</span>`,
        )
        .join(' ')}</td></tr>`,
  );
  return `<h3>Object versions</h3><table id="object-table"><thead><tr><th>object</th><th>versions</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function pluginsHtml(s: ReportSummary): string {
  const plugins = s.plugins ?? [];
  if (plugins.length === 0) return '';
  const parts = plugins.map(
    (p) =>
      `<section data-plugin="${esc(p.name)}"><h3>${esc(p.name)}</h3><pre>${esc(p.lines.join('\n'))}</pre></section>`,
  );
  return `<h2>Plugin reports</h2><div id="plugin-reports">${parts.join('')}</div>`;
}
