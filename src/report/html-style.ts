/**
 * REPORT_CSS: the HTML report's inline style sheet (no external fonts or
 * assets: the page must work offline).
 */
export const REPORT_CSS = `
:root { color-scheme: light; --fg: #1d1d1f; --muted: #666; --line: #ddd; --bg: #fafafa; }
* { box-sizing: border-box; }
body { margin: 0; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 10px 16px; background: #fff; border-bottom: 1px solid var(--line); display: flex; gap: 16px; align-items: baseline; flex-wrap: wrap; }
header h1 { font-size: 17px; margin: 0; }
header .sub { color: var(--muted); }
.aggregated { background: #eef3fa; border-left: 3px solid #46648f; padding: 4px 8px; margin: 6px 0; }
main { padding: 10px 16px 40px; }
section { margin-bottom: 18px; }
h2 { font-size: 15px; margin: 14px 0 6px; }
h3 { font-size: 13px; margin: 10px 0 4px; }
.outcome { font-weight: 600; padding: 1px 8px; border-radius: 10px; background: #eee; }
.outcome-passed { background: #d5f2dc; color: #14532d; }
.outcome-correctness, .outcome-crash { background: #fbd5d5; color: #7f1d1d; }
.outcome-liveness { background: #fde8c8; color: #7c2d12; }
.toolbar { display: flex; gap: 6px; align-items: center; margin: 6px 0; flex-wrap: wrap; }
.toolbar button { font: inherit; padding: 2px 10px; border: 1px solid #bbb; border-radius: 4px; background: #fff; cursor: pointer; }
.toolbar button:hover { background: #f0f0f0; }
.toolbar output { margin-left: 10px; font-variant-numeric: tabular-nums; color: #333; }
.toolbar .hint { color: var(--muted); margin-left: auto; }
.timeline { position: relative; overflow-y: auto; overflow-x: hidden; border: 1px solid var(--line); background: #fff; user-select: none; }
.timeline:focus { outline: 2px solid #4e79a7; outline-offset: 1px; }
.timeline canvas { position: sticky; top: 0; left: 0; display: block; cursor: grab; }
.timeline canvas.dragging { cursor: grabbing; }
#tooltip { position: fixed; z-index: 10; pointer-events: none; max-width: 460px; background: #222; color: #fff; padding: 6px 8px; border-radius: 4px; font-size: 12px; white-space: pre-line; box-shadow: 0 2px 8px rgba(0,0,0,.25); }
#tooltip b { color: #ffd966; }
.legend { display: flex; gap: 14px; flex-wrap: wrap; align-items: center; margin: 8px 0; }
.legend .item { display: inline-flex; gap: 5px; align-items: center; }
.swatch { display: inline-block; width: 14px; height: 10px; border-radius: 2px; border: 1px solid rgba(0,0,0,.2); }
.swatch.line { width: 3px; height: 14px; border: 0; }
.swatch.held { background: repeating-linear-gradient(135deg, #f1b300 0 3px, #fff3c4 3px 6px); }
ol.phases { display: inline-flex; gap: 4px; list-style: none; margin: 0; padding: 0; flex-wrap: wrap; }
ol.phases li { padding: 0 6px; border-radius: 3px; color: #fff; font-size: 12px; }
ul.cpu-phases { list-style: none; margin: 2px 0 0; padding: 0; font-size: 11px; color: #555; }
table { border-collapse: collapse; background: #fff; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
pre { background: #fff; border: 1px solid var(--line); padding: 6px 8px; overflow-x: auto; margin: 4px 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.muted { color: var(--muted); }
`;
