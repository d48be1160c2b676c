/**
 * Helpers for tests that run the built command in a child process: build
 * dist/ once (tsc -p tsconfig.build.json; it emits even if some other file
 * has a type error, so these tests judge the CLI, not the whole tree), and
 * run `node bin/kernel-sim.js ...` or any command, collecting its output.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/kernel-sim.js', import.meta.url));

let built = false;

export function ensureBuilt(): void {
  if (built) return;
  spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  if (!existsSync(fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url))))
    throw new Error('the build did not produce dist/cli/main.js');
  built = true;
}

export interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
): Ran {
  const r = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 240_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function kernelSim(
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
): Ran {
  return run(process.execPath, [BIN, ...args], cwd, env);
}
