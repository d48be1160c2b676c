/**
 * phaseBoxes: a swap's phases as pixel boxes on the timeline, for drawing
 * (viewer-draw.ts), hit testing (viewer-hit.ts) and the test hooks
 * (viewer-hooks.ts): phases with a span first, then zero-length phases on
 * top as 5 px slivers, pushed right past each other so each stays visible.
 */
import type { SwapInfo } from '../timeline-model.ts';
import type { Viewer } from './viewer.ts';
import type { PhaseBox } from './viewer-types.ts';

export function phaseBoxes(v: Viewer, s: SwapInfo): PhaseBox[] {
  const wide: PhaseBox[] = [];
  const thin: PhaseBox[] = [];
  for (const p of s.phases) {
    const a = v.x(p.start);
    const b = v.x(p.end);
    if (b - a >= 5) wide.push({ p, a, b, thin: false });
    else thin.push({ p, a, b: a + 5, thin: true });
  }
  for (let q = 1; q < thin.length; q++) {
    if (thin[q].a < thin[q - 1].b) {
      thin[q].a = thin[q - 1].b;
      thin[q].b = thin[q].a + 5;
    }
  }
  return wide.concat(thin);
}
