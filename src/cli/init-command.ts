/**
 * initCommand: `kernel-sim init [dir]` as a plain function: writes a starter
 * scenario, a tsconfig.json and a package.json into `dir` (default: the
 * current folder; created if missing) so that, after `npm install`,
 * `npx tsc` type-checks the folder and `npx kernel-sim scenario counter.ts`
 * runs the starter (the files: init-files.ts).
 *
 * Refuses to overwrite: if any of the three files exists, nothing is written
 * and a CliError (exit 2) names the files that exist. Prints each file
 * written and the next steps. Returns { exitCode, written } (absolute paths).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CliIo } from './cli-io.ts';
import { CliError } from './cli-error.ts';
import { EXIT } from './exit-codes.ts';
import { initFiles, STARTER_SCENARIO } from './init-files.ts';
import { packagePaths } from './package-paths.ts';

export interface InitCommandOptions {
  /** The folder to write into (relative to io.cwd); default the current folder. */
  readonly dir?: string;
}

export interface InitCommandResult {
  readonly exitCode: number;
  readonly written: readonly string[];
}

export function initCommand(options: InitCommandOptions, io: CliIo): InitCommandResult {
  const dir = resolve(io.cwd, options.dir ?? '.');
  const { root } = packagePaths();
  const files = initFiles({ packageRoot: root, typescriptVersion: typescriptVersion(), name: dir });
  const existing = files.map((f) => join(dir, f.path)).filter((p) => existsSync(p));
  if (existing.length > 0)
    throw new CliError(
      `init: not overwriting ${existing.join(', ')}; run init in an empty folder (kernel-sim init DIR) or move these away`,
    );
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const f of files) {
    const path = join(dir, f.path);
    writeFileSync(path, f.text, { flag: 'wx' });
    written.push(path);
    io.out(`wrote ${path}`);
  }
  const cd = options.dir === undefined ? '' : `cd ${options.dir} && `;
  io.out('');
  io.out('next:');
  io.out(`  ${cd}npm install                      kernel-sim (this copy) and typescript`);
  io.out(`  npx tsc                                  type-check the folder`);
  io.out(
    `  npx kernel-sim scenario ./${STARTER_SCENARIO} --typecheck   type-check and run the starter`,
  );
  io.out('  (docs/SCENARIOS.md in kernel-sim: writing a scenario, field by field)');
  return { exitCode: EXIT.passed, written };
}

/** The TypeScript version kernel-sim is built with (its package.json's pin: an optional peer dependency). */
function typescriptVersion(): string {
  const { root } = packagePaths();
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    peerDependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const version = pkg.peerDependencies?.typescript ?? pkg.devDependencies?.typescript;
  if (version === undefined)
    throw new Error(`init: ${root}/package.json pins no typescript version`);
  return version;
}
