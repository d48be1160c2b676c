/**
 * renderVegaLiteSvg: a vega-lite spec to an SVG string, offline and without a
 * DOM: vega-lite compiles it to vega, vega renders it headless
 * (`renderer: 'none'`) and serialises SVG (ECOSYSTEM.md section 7, vega and
 * vega-lite 6.4.0). The same spec gives the same SVG.
 */
import { View, parse } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export async function renderVegaLiteSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
