/**
 * resolveScenarioPath: the file a `kernel-sim scenario <file-or-name>`
 * argument means. A path that exists (relative to the working directory, or
 * absolute) wins; otherwise a bare name (no '/') is looked up in the bundled
 * scenarios folder, with or without its `.ts`, so `kernel-sim scenario
 * swap-scheduler.ts` works from any directory. Not found: a CliError naming
 * the path tried and the folder bare names are looked up in.
 *
 * bundledScenarioFiles(): the bundled scenario files, sorted by name.
 */
import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { CliError } from './cli-error.ts';
import { packagePaths } from './package-paths.ts';

const SCENARIO_FILE = /\.(ts|mts|js|mjs)$/;

export function resolveScenarioPath(arg: string, cwd: string): string {
  if (arg.trim() === '')
    throw new CliError(
      'no scenario given; pass a file (./my-scenario.ts) or a bundled name (see `kernel-sim list`)',
    );
  const direct = resolve(cwd, arg);
  const kind = kindOf(direct);
  if (kind === 'file') return direct;
  if (kind === 'directory')
    throw new CliError(
      `${direct} is a directory; pass a scenario file in it, e.g. ${join(direct, 'my-scenario.ts')}`,
    );
  const { scenarios } = packagePaths();
  const bare = !arg.includes('/') && !arg.includes('\\') && !isAbsolute(arg);
  if (bare) {
    for (const name of [arg, `${arg}.ts`]) {
      const candidate = join(scenarios, name);
      if (kindOf(candidate) === 'file') return candidate;
    }
  }
  const lookup = bare
    ? `it is not a bundled scenario either (bare names are looked up in ${scenarios})`
    : `bare names (no '/') are looked up in the bundled scenarios folder, ${scenarios}`;
  throw new CliError(
    `scenario file not found: ${direct}\n  ${lookup}\n  run \`kernel-sim list\` to see the bundled scenarios`,
  );
}

export function bundledScenarioFiles(): string[] {
  const { scenarios } = packagePaths();
  let names: string[];
  try {
    names = readdirSync(scenarios);
  } catch {
    return [];
  }
  return names
    .filter((n) => SCENARIO_FILE.test(n) && !n.endsWith('.d.ts'))
    .sort()
    .map((n) => join(scenarios, n));
}

function kindOf(path: string): 'file' | 'directory' | null {
  try {
    const s = statSync(path);
    return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : null;
  } catch {
    return null;
  }
}
