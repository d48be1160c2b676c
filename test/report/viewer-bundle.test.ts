/**
 * The viewer inlined in every HTML report is the bundle of its typed sources
 * (src/report/viewer): the committed src/report/viewer-script.generated.ts
 * must be what scripts/build-viewer.ts makes of them now. Stale? Run
 * `npm run build:viewer`.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { VIEWER_SCRIPT } from '../../src/report/viewer-script.generated.ts';
import { VIEWER_OUT, bundleViewer } from '../../scripts/build-viewer.ts';

test('the generated viewer script is the bundle of src/report/viewer (run npm run build:viewer)', async () => {
  expect(readFileSync(VIEWER_OUT, 'utf8')).toBe(await bundleViewer());
});

test('the bundle is one self-running script that can sit inside <script>', () => {
  expect(VIEWER_SCRIPT.trim()).toMatch(/^\(function\(\)\{/);
  expect(VIEWER_SCRIPT).not.toMatch(/<\/script/i);
  expect(VIEWER_SCRIPT).toContain('kernelSimTimeline');
  expect(() => new Function(VIEWER_SCRIPT)).not.toThrow(); // it parses
});
