/**
 * build-viewer: bundles the HTML report's viewer (src/report/viewer, typed
 * browser code) into one IIFE and writes it as a string constant to
 * src/report/viewer-script.generated.ts, which html-report.ts inlines into
 * every report. Run by `npm run build` (and so by `npm install`), and by
 * hand after editing the viewer: `npm run build:viewer`.
 * test/report/viewer-bundle.test.ts fails when the generated file is stale.
 *
 * Interface: `bundleViewer()` -> the generated file's text; run as a script
 * it writes that file.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const VIEWER_ENTRY = `${ROOT}src/report/viewer/viewer-main.ts`;
export const VIEWER_OUT = `${ROOT}src/report/viewer-script.generated.ts`;

export async function bundleViewer(): Promise<string> {
  const bundle = await rolldown({ input: VIEWER_ENTRY, platform: 'browser', logLevel: 'silent' });
  try {
    const { output } = await bundle.generate({ format: 'iife', minify: true, comments: false });
    const code = output[0].code.trim();
    if (/<\/script/i.test(code))
      throw new Error(
        'build-viewer: the bundle contains </script, which would end the inline script',
      );
    const literal = code.replace(/[\\`]|\$\{/g, (m) => `\\${m}`);
    return `/**
 * VIEWER_SCRIPT: the HTML report's timeline viewer, bundled from
 * src/report/viewer by scripts/build-viewer.ts. Generated: do not edit; run
 * \`npm run build:viewer\` after changing the viewer.
 */
export const VIEWER_SCRIPT = \`
${literal}
\`;
`;
  } finally {
    await bundle.close();
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(VIEWER_OUT, await bundleViewer());
  console.log(`build-viewer: wrote ${VIEWER_OUT}`);
}
