/**
 * loadScenario: imports a scenario file (TypeScript, anywhere on disk) with
 * jiti 2.7.0 and returns its default export, checked to be a Scenario and
 * remembering its file.
 *
 * Module identity: the file's `import ... from 'kernel-sim'` gets this very
 * process's kernel-sim module (jiti `virtualModules`, backed by an `alias` to
 * the package's own entry: dist/index.js from the build, src/index.ts under
 * vitest), so `instanceof` and the scenario brand work across the boundary,
 * and a file outside any project (no node_modules above it) still resolves
 * 'kernel-sim', 'rxjs' and 'inversify'.
 *
 * SCENARIO_LOADER names this function by module URL, so `kernel-sim check`
 * workers load scenario files the same way.
 *
 * Errors, all CliError (exit 2) naming the file: a TypeScript syntax error
 * (`file:line:col: syntax error: ...`), a missing import, an exception while
 * the module runs (with its location), no default scenario export.
 */
import { createJiti, type Jiti } from 'jiti';
import * as inversify from 'inversify';
import * as rxjs from 'rxjs';
import * as kernelSim from '../index.ts';
import { isScenario, locateError, withFile, type Scenario } from '../scenario/index.ts';
import { CliError } from './cli-error.ts';
import { packagePaths } from './package-paths.ts';

/** Where worker threads find this loader (`kernel-sim check` passes it to runCheck). */
export const SCENARIO_LOADER = { url: import.meta.url, exportName: 'loadScenario' } as const;

let jiti: Jiti | null = null;

function loader(): Jiti {
  jiti ??= createJiti(import.meta.url, {
    alias: { 'kernel-sim': packagePaths().entry },
    virtualModules: { 'kernel-sim': kernelSim, rxjs, inversify, 'reflect-metadata': {} },
    interopDefault: true,
  });
  return jiti;
}

export async function loadScenario(file: string): Promise<Scenario> {
  let exported: unknown;
  try {
    exported = await loader().import(file, { default: true });
  } catch (e) {
    throw loadError(file, e);
  }
  if (!isScenario(exported)) {
    throw new CliError(
      `${file} has no default scenario export; end it with\n` +
        `  export default defineScenario({ name, description, options, setup(sim) { ... }, expect(result, sim) { ... } });\n` +
        `  (import { defineScenario } from 'kernel-sim')`,
    );
  }
  return withFile(exported, file);
}

function loadError(file: string, e: unknown): CliError {
  const message = e instanceof Error ? e.message : String(e);
  const parse = /^(?:ParseError|SyntaxError): ([^\n]*?)\s*\n\s*(\S+?):(\d+):(\d+)/.exec(message);
  if (parse !== null) {
    const [, what, path, line, col] = parse;
    return new CliError(
      `${path}:${line}:${col}: syntax error: ${what.trim()}\n  (while loading scenario ${file})`,
      undefined,
      { cause: e },
    );
  }
  const first = message.split('\n')[0];
  if ((e as { code?: string }).code === 'MODULE_NOT_FOUND') {
    return new CliError(
      `cannot load scenario ${file}: ${first}\n  (relative imports are resolved from the scenario's folder; 'kernel-sim' is provided)`,
      undefined,
      { cause: e },
    );
  }
  const at = locateError(e, file) ?? locateError(e, null);
  const name = e instanceof Error ? e.name : 'Error';
  return new CliError(
    `cannot load scenario ${file}: it threw ${name}: ${first}${at === null ? '' : `\n    at ${at}`}`,
    undefined,
    { cause: e },
  );
}
