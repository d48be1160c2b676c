/**
 * packagePaths: where this copy of kernel-sim lives, found from this module's
 * own URL, so it holds in the repository (src/cli under vitest, dist/cli
 * after a build) and in an installed package alike.
 *
 *   root        the package folder (holds package.json and scenarios/)
 *   scenarios   the bundled scenarios folder, where bare names are looked up
 *   entry       the package's own entry: src/index.ts when running from
 *               source, dist/index.js when running from the build
 *   version     package.json's version
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PackagePaths {
  readonly root: string;
  readonly scenarios: string;
  readonly entry: string;
  readonly version: string;
}

let cached: PackagePaths | null = null;

export function packagePaths(): PackagePaths {
  if (cached !== null) return cached;
  const here = fileURLToPath(import.meta.url);
  const fromSource = here.endsWith('.ts');
  const root = join(dirname(here), '..', '..');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string };
  cached = {
    root,
    scenarios: join(root, 'scenarios'),
    entry: join(root, fromSource ? 'src/index.ts' : 'dist/index.js'),
    version: pkg.version ?? '0.0.0',
  };
  return cached;
}
