/**
 * seriesChartHtml: the HTML report's chart of a scenario's own numbers, the
 * series its `summary()` returned (src/scenario/summary-series.ts), drawn
 * as one inline SVG beside the timeline: one polyline per series (x = the
 * index, y = the value), shared axes from 0 (or the least value, if
 * negative) to the largest, a legend naming each series in its colour.
 *
 * Interface: `seriesChartHtml(series)` -> a `<section id="series">` with
 * the SVG, or '' when there are no series. Each series is a
 * `<polyline data-series="name">` with the values in `data-values`, so the
 * report can be read back (and tested) without drawing. Names are escaped.
 */
import { escapeHtml as esc } from './html-escape.ts';
import { VERSION_COLORS } from './report-colors.ts';

const WIDTH = 480;
const HEIGHT = 200;
const PAD = 36;

export function seriesChartHtml(
  series: Readonly<Record<string, readonly number[]>> | undefined,
): string {
  const named = Object.entries(series ?? {}).filter(([, ys]) => ys.length > 0);
  if (named.length === 0) return '';
  const all = named.flatMap(([, ys]) => ys);
  const lo = Math.min(0, ...all);
  const hi = Math.max(...all, lo + 1);
  const n = Math.max(...named.map(([, ys]) => ys.length));
  const x = (i: number) => PAD + (n === 1 ? 0 : (i * (WIDTH - 2 * PAD)) / (n - 1));
  const y = (v: number) => HEIGHT - PAD - ((v - lo) * (HEIGHT - 2 * PAD)) / (hi - lo);
  const lines = named.map(([name, ys], k) => {
    const color = VERSION_COLORS[k % VERSION_COLORS.length];
    const points = ys.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    return `<polyline data-series="${esc(name)}" data-values="${ys.join(' ')}" points="${points}" fill="none" stroke="${color}" stroke-width="2"><title>${esc(name)}</title></polyline>`;
  });
  const legend = named.map(
    ([name], k) =>
      `<span class="item"><span class="swatch" style="background:${VERSION_COLORS[k % VERSION_COLORS.length]}"></span>${esc(name)}</span>`,
  );
  const axes = `<line x1="${PAD}" y1="${HEIGHT - PAD}" x2="${WIDTH - PAD}" y2="${HEIGHT - PAD}" stroke="currentColor"/><line x1="${PAD}" y1="${PAD}" x2="${PAD}" y2="${HEIGHT - PAD}" stroke="currentColor"/>`;
  const labels = `<text x="${PAD - 4}" y="${PAD}" text-anchor="end" font-size="10">${fmt(hi)}</text><text x="${PAD - 4}" y="${HEIGHT - PAD}" text-anchor="end" font-size="10">${fmt(lo)}</text><text x="${WIDTH - PAD}" y="${HEIGHT - PAD + 14}" text-anchor="end" font-size="10">${n - 1}</text>`;
  return `<section id="series" aria-label="the scenario's series">
<h3>Series (summary)</h3>
<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="series chart">
${axes}${labels}
${lines.join('\n')}
</svg>
<div class="legend">${legend.join('')}</div>
</section>`;
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(3);
}
