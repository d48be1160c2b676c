/**
 * renderHtmlReport: one self-contained HTML page for one run (inline CSS and
 * JavaScript, the model embedded as JSON; no network, no CDN), drawn from the
 * same TimelineModel as the tracer's Perfetto file.
 *
 * Interface: `renderHtmlReport(model, summary) -> string`;
 * `writeHtmlReport(path, model, summary) -> path` writes it (UTF-8).
 *
 * The page: a canvas timeline (one lane per CPU, per kernel-context CPU, per
 * thread and per swap; calls as nested bars labelled `object.method` and
 * coloured by the object version they reached; held calls striped until
 * released; generation ticks, quiescence lines, swap phase bands), with zoom,
 * pan and hover (src/report/viewer, bundled into viewer-script.generated.ts); a legend; the summary panel
 * (outcome, seed, reproduce command, swap table, plugin reports).
 *
 * Test hooks: `[data-lane]` items in `#lane-list`, `[data-phase]` items per
 * swap in `#swap-table ol[data-swap]` (in order) and in `#phase-legend`,
 * `#tooltip`, `#visible-range` (data-start / data-end), `#aggregated` (the
 * sentence saying what a budget folded into bins, when it did: report-budget.ts),
 * `window.kernelSimTimeline`, and `body[data-ready]` once drawn.
 */
import { escapeHtml as esc, jsonForScript, scriptSafe } from './html-escape.ts';
import {
  aggregatedHtml,
  callsInRun,
  factsHtml,
  laneListHtml,
  legendHtml,
  objectTableHtml,
  pluginsHtml,
  quiescenceTableHtml,
  swapTableHtml,
  toolbarHtml,
} from './html-sections.ts';
import { REPORT_CSS } from './html-style.ts';
import { fileSink, streamJson } from './json-stream.ts';
import { VIEWER_SCRIPT } from './viewer-script.generated.ts';
import type { ViewerConfig } from './viewer/viewer-types.ts';
import { MARK_COLORS, PHASE_COLORS, VERSION_COLORS } from './report-colors.ts';
import { scenarioOf, type ReportSummary } from './report-summary.ts';
import { seriesChartHtml } from './series-chart.ts';
import { RUN_ENDS, type TimelineModel } from './timeline-model.ts';

function viewerConfig(): ViewerConfig {
  return {
    versionColors: VERSION_COLORS,
    phaseColors: PHASE_COLORS,
    marks: MARK_COLORS,
    runEnds: RUN_ENDS,
  };
}

function headerHtml(model: TimelineModel, s: ReportSummary, title: string): string {
  const outcome =
    s.outcome === undefined
      ? ''
      : `<span class="outcome outcome-${esc(s.outcome)}" id="outcome">${esc(s.outcome)}</span>`;
  const seed = s.seed ?? model.seed;
  const { description } = scenarioOf(s);
  const sub = [
    seed === null || seed === undefined ? '' : `seed ${seed}`,
    `${model.endTick} ticks`,
    `${model.cpus} CPUs`,
    `${model.threads.length} threads`,
    `${callsInRun(model)} calls`,
    `${model.swaps.length} swaps`,
  ];
  return `<header><h1>${esc(title)}</h1>${outcome}<span class="sub">${esc(sub.filter((x) => x !== '').join(' · '))}</span>
${description === undefined ? '' : `<span class="sub">${esc(description)}</span>`}</header>`;
}

/** The page around the embedded model: what goes before its JSON, and after. */
function reportParts(model: TimelineModel, summary: ReportSummary): [string, string] {
  const name = scenarioOf(summary).name;
  const title =
    summary.title ?? (name === undefined ? 'kernel-sim: simulation run' : `kernel-sim: ${name}`);
  const before = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kernel-sim">
<title>${esc(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${headerHtml(model, summary, title)}
<main>
<section id="timeline-section" aria-label="timeline">
<h2>Timeline</h2>
${toolbarHtml()}
<div id="timeline" class="timeline" tabindex="0" aria-label="timeline canvas: wheel to zoom, drag to pan, arrows and + - keys">
<div id="timeline-spacer"><canvas id="timeline-canvas" role="img" aria-label="timeline of CPUs, threads and swaps"></canvas></div>
</div>
<div id="tooltip" role="tooltip" hidden></div>
${aggregatedHtml(model)}
${legendHtml(model)}
${laneListHtml(model)}
</section>
<section id="summary" aria-label="summary">
<h2>Summary</h2>
${factsHtml(model, summary)}
${seriesChartHtml(summary.series)}
<h3>Swaps</h3>
${swapTableHtml(model)}
${objectTableHtml(model)}
${quiescenceTableHtml(model)}
${pluginsHtml(summary)}
</section>
</main>
<script type="application/json" id="timeline-data">`;
  const after = `</script>
<script type="application/json" id="timeline-config">${jsonForScript(viewerConfig())}</script>
<script>${VIEWER_SCRIPT}</script>
</body>
</html>
`;
  return [before, after];
}

export function renderHtmlReport(model: TimelineModel, summary: ReportSummary = {}): string {
  const [before, after] = reportParts(model, summary);
  return `${before}${jsonForScript(model)}${after}`;
}

/** Write the report to `path`; returns the path. */
export function writeHtmlReport(
  path: string,
  model: TimelineModel,
  summary: ReportSummary = {},
): string {
  const [before, after] = reportParts(model, summary);
  const out = fileSink(path);
  try {
    out.write(before);
    streamJson(model, (text) => out.write(scriptSafe(text)));
    out.write(after);
  } finally {
    out.close();
  }
  return path;
}
