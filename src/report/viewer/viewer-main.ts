/**
 * The HTML report's timeline viewer, entry point (plain browser code, no
 * libraries): reads the TimelineModel from `#timeline-data` and the colours
 * from `#timeline-config`, draws the timeline on one <canvas>, wires the
 * controls and the test hooks, and marks `body[data-ready]`.
 *
 * Built by scripts/build-viewer.ts into one IIFE
 * (src/report/viewer-script.generated.ts), which html-report.ts inlines.
 */
import { attachInput } from './viewer-input.ts';
import { installTestHooks } from './viewer-hooks.ts';
import { Viewer, type ViewerDom } from './viewer.ts';
import type { Model, ViewerConfig } from './viewer-types.ts';

function element<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (e === null) throw new Error(`kernel-sim report: the page has no #${id}`);
  return e as T;
}

function readJson<T>(id: string): T {
  return JSON.parse(element(id).textContent ?? 'null') as T;
}

function start(): void {
  const canvas = element<HTMLCanvasElement>('timeline-canvas');
  const dom: ViewerDom = {
    container: element('timeline'),
    canvas,
    ctx: canvas.getContext('2d')!,
    tooltip: element('tooltip'),
    readout: element('visible-range'),
    spacer: element('timeline-spacer'),
    onlyAlive: document.getElementById('only-alive') as HTMLInputElement | null,
  };
  const viewer = new Viewer(
    readJson<Model>('timeline-data'),
    readJson<ViewerConfig>('timeline-config'),
    dom,
  );
  attachInput(viewer);
  installTestHooks(viewer);
  viewer.resize();
  document.body.setAttribute('data-ready', 'true');
}

start();
