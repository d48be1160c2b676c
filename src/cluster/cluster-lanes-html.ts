/**
 * clusterLanesHtml: the cluster timeline as one self-contained HTML page
 * (inline SVG and CSS, no script, no network): one lane per node, coloured
 * by the node's version over time, hatched while it upgrades, grey while it
 * is down, with the upgrade's marks listed below (docs/UPSTART.md,
 * "Timeline"). Written by `kernel-sim cluster --report FILE.html`.
 *
 * Interface: `nodeSegments(timeline, endTick)` -> per node, the spans
 * { start, end, version, state } covering 0..endTick; `clusterLanesHtml(
 * timeline, endTick, title, versionColor)` -> the page, its versions
 * coloured by `versionColor` (the report's, src/report/report-colors.ts:
 * the layers keep cluster/ from importing report/, so the caller passes it). Test hooks: `g[data-lane=node-N]`,
 * and per span `rect[data-state][data-version][data-start][data-end]`.
 *
 * Invariant: a node's spans are contiguous, in order, from 0 to endTick.
 */
import type { ClusterTimeline } from './cluster-timeline.ts';

export type NodeState = 'up' | 'upgrading' | 'down';

export interface NodeSpan {
  readonly start: number;
  readonly end: number;
  readonly version: number;
  readonly state: NodeState;
}

const DOWN = '#c8c8c8';

/** A version's colour: the report's palette (src/report/report-colors.ts, versionColor), given by the caller. */
export type VersionColor = (version: number) => string;

function stateOf(what: string): NodeState {
  return what === 'failed' ? 'down' : what === 'upgrading' ? 'upgrading' : 'up';
}

export function nodeSegments(t: ClusterTimeline, endTick: number): NodeSpan[][] {
  const out: NodeSpan[][] = [];
  for (let n = 0; n < t.nodes; n++) {
    const spans: NodeSpan[] = [];
    let cur = { start: 0, version: t.version, state: 'up' as NodeState };
    for (const m of t.marks) {
      if (m.node !== n) continue;
      const tick = Math.min(Math.max(m.tick, cur.start), endTick);
      const next = { start: tick, version: m.version, state: stateOf(m.what) };
      if (next.version === cur.version && next.state === cur.state) continue;
      if (tick > cur.start) spans.push({ ...cur, end: tick });
      cur = next;
    }
    spans.push({ ...cur, end: Math.max(endTick, cur.start) });
    out.push(spans);
  }
  return out;
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const LABEL_W = 70;
const WIDTH = 1000;
const LANE_H = 18;
const GAP = 4;

export function clusterLanesHtml(
  t: ClusterTimeline,
  endTick: number,
  title: string,
  versionColor: VersionColor,
): string {
  // a cluster's versions count from 1
  const colorOf = (version: number): string => versionColor(Math.max(1, version));
  const hatch = colorOf(2);
  const lanes = nodeSegments(t, endTick);
  const scale = (WIDTH - LABEL_W) / Math.max(1, endTick);
  const x = (tick: number): number => LABEL_W + tick * scale;
  const height = lanes.length * (LANE_H + GAP) + 24;
  const rows = lanes.map((spans, n) => {
    const y = n * (LANE_H + GAP);
    const rects = spans.map((s) => {
      const fill =
        s.state === 'down'
          ? DOWN
          : s.state === 'upgrading'
            ? 'url(#upgrading)'
            : colorOf(s.version);
      const tip = `node${n}: version ${s.version}, ${s.state}, ticks ${s.start}..${s.end}`;
      return `<rect data-state="${s.state}" data-version="${s.version}" data-start="${s.start}" data-end="${s.end}" x="${x(s.start).toFixed(1)}" y="${y}" width="${Math.max(1, (s.end - s.start) * scale).toFixed(1)}" height="${LANE_H}" fill="${fill}"><title>${tip}</title></rect>`;
    });
    return `<g data-lane="node-${n}"><text x="0" y="${y + 13}">node${n}</text>${rects.join('')}</g>`;
  });
  const axisY = lanes.length * (LANE_H + GAP) + 14;
  const marks = t.marks
    .map(
      (m) =>
        `<tr><td>${m.tick}</td><td>node${m.node}</td><td>${m.version}</td><td>${esc(m.what)}</td></tr>`,
    )
    .join('');
  const versions = [...new Set(lanes.flat().map((s) => s.version))].sort((a, b) => a - b);
  const legend = [
    ...versions.map((v) => `<span><i style="background:${colorOf(v)}"></i>version ${v}</span>`),
    `<span><i class="hatch"></i>upgrading</span>`,
    `<span><i style="background:${DOWN}"></i>down</span>`,
  ].join(' ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font:13px system-ui,sans-serif;margin:16px}svg text{font:11px monospace}
.legend i{display:inline-block;width:14px;height:10px;margin:0 4px 0 10px;vertical-align:middle}
.legend i.hatch{background:repeating-linear-gradient(45deg,${hatch} 0 3px,#fff 3px 6px)}
table{border-collapse:collapse;margin-top:12px}td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:left}</style>
</head><body>
<h1>${esc(title)}</h1>
<p class="legend">${legend}</p>
<svg id="lanes" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">
<defs><pattern id="upgrading" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><rect width="3" height="6" fill="${hatch}"/></pattern></defs>
${rows.join('\n')}
<text x="${LABEL_W}" y="${axisY}">0</text><text x="${WIDTH - 60}" y="${axisY}">tick ${endTick}</text>
</svg>
<table id="marks"><tr><th>tick</th><th>node</th><th>version</th><th>what</th></tr>${marks}</table>
</body></html>
`;
}
