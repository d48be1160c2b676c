/**
 * importScenario: the default scenario loader of `runCheck`: a dynamic
 * import of the file, whose default export must be a Scenario. It suits
 * compiled .js scenarios and test runners that compile TypeScript on import
 * (vitest). The CLI passes its own loader (jiti, with 'kernel-sim' mapped to
 * the running copy) through CheckOptions.load, so workers load files the way
 * the CLI does.
 *
 * `loadScenarioWith(loader, file)` calls a loader named by module URL and
 * export name, caching the module per thread.
 *
 * `resolveScenarioFile(ref)`: a path that exists (relative to the working
 * directory, or absolute) as is; else a bare name (no '/') of a bundled
 * scenario, with or without `.ts`, in the package's scenarios/ folder.
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isScenario, withFile, type Scenario } from '../scenario/index.ts';
import type { LoaderModule } from './check-options.ts';

export async function importScenario(file: string): Promise<Scenario> {
  const mod = (await import(pathToFileURL(resolve(file)).href)) as { default?: unknown };
  if (!isScenario(mod.default)) {
    throw new TypeError(
      `${file} has no default scenario export; end it with export default defineScenario({ name, description, setup(sim) { ... } })`,
    );
  }
  return withFile(mod.default, file);
}

const BUNDLED = fileURLToPath(new URL('../../scenarios/', import.meta.url));

const isFile = (path: string): boolean => existsSync(path) && statSync(path).isFile();

export function resolveScenarioFile(ref: string): string {
  const direct = resolve(ref);
  if (isFile(direct)) return direct;
  const bare = !ref.includes('/') && !ref.includes('\\') && !isAbsolute(ref);
  for (const name of bare ? [ref, `${ref}.ts`] : []) {
    if (isFile(join(BUNDLED, name))) return join(BUNDLED, name);
  }
  throw new RangeError(
    `check: scenario file not found: ${direct}${bare ? ` (nor a bundled scenario '${ref}' in ${BUNDLED})` : ''}`,
  );
}

export const DEFAULT_LOADER: LoaderModule = { url: import.meta.url, exportName: 'importScenario' };

type Loader = (file: string) => Scenario | PromiseLike<Scenario>;

export async function loadScenarioWith(loader: LoaderModule, file: string): Promise<Scenario> {
  const mod = (await import(loader.url)) as Record<string, unknown>;
  const fn = mod[loader.exportName];
  if (typeof fn !== 'function')
    throw new TypeError(
      `check: the scenario loader ${loader.url} has no exported function '${loader.exportName}'`,
    );
  return await (fn as Loader)(file);
}
