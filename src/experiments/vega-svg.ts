/**
 * renderVegaLiteSvg: a vega-lite spec to an SVG string, offline and without a
 * DOM: vega-lite compiles it to vega, vega renders it headless
 * (`renderer: 'none'`) and serialises SVG. The same spec gives the same SVG.
 *
 * vega and vega-lite (about 11 MB, half the production install) serve only
 * the experiments' plots, so they are optional peer dependencies: loaded
 * here on first use, and when they are missing the error says how to add
 * them (or to skip the plots with `--no-plots`).
 */
import type { TopLevelSpec } from 'vega-lite';

export const VEGA_INSTALL = 'npm install --save-exact vega@6.4.0 vega-lite@6.4.0';

/** Thrown when the plot libraries are not installed. */
export class PlotLibraryMissingError extends Error {
  override readonly name = 'PlotLibraryMissingError';
}

async function loadVega(): Promise<[typeof import('vega'), typeof import('vega-lite')]> {
  try {
    return await Promise.all([import('vega'), import('vega-lite')]);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw err;
    throw new PlotLibraryMissingError(
      `plots need the optional packages vega and vega-lite, which are not installed: ` +
        `run \`${VEGA_INSTALL}\` where kernel-sim is installed, or pass --no-plots`,
    );
  }
}

export async function renderVegaLiteSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await loadVega();
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
