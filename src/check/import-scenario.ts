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
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
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
