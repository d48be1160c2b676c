/**
 * Helpers for tests that run the built command in a child process: build
 * dist/ (tsc -p tsconfig.build.json; it emits even if some other file has a
 * type error, so these tests judge the CLI, not the whole tree), and run
 * `node bin/kernel-sim.js ...` or any command, collecting its output.
 *
 * ensureBuilt() builds once per test run, not once per test file: vitest runs
 * each file in its own process, so the files that need dist/ share a stamp
 * (dist/.test-build-stamp: the newest modification time and the number of
 * the build's inputs, src/ and the tsconfig and package files) and a lock
 * (a folder created atomically beside dist/). A file finding the stamp
 * current skips tsc; one finding the lock taken waits for it (a lock
 * older than 5 minutes was left by a killed run and is taken over).
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/kernel-sim.js', import.meta.url));

const MAIN_JS = join(ROOT, 'dist', 'cli', 'main.js');
const STAMP = join(ROOT, 'dist', '.test-build-stamp');
const LOCK = join(ROOT, '.test-build-lock');
const LOCK_STALE_MS = 300_000;

let built = false;

/** The build's inputs, summed up: newest mtime and file count (a deleted file changes the count). */
function inputsStamp(): string {
  let newest = 0;
  let count = 0;
  const visit = (path: string): void => {
    const s = statSync(path);
    if (s.isDirectory()) {
      for (const name of readdirSync(path)) visit(join(path, name));
      return;
    }
    newest = Math.max(newest, s.mtimeMs);
    count++;
  };
  visit(join(ROOT, 'src'));
  for (const f of ['tsconfig.json', 'tsconfig.build.json', 'package.json'])
    if (existsSync(join(ROOT, f))) visit(join(ROOT, f));
  return `${newest} ${count}`;
}

function current(stamp: string): boolean {
  return existsSync(MAIN_JS) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === stamp;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Takes the lock; a lock older than LOCK_STALE_MS was left by a killed run and is taken over. */
function takeLock(): void {
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch {
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > LOCK_STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      else sleepSync(200);
    }
  }
}

export function ensureBuilt(): void {
  if (built) return;
  const stamp = inputsStamp();
  if (!current(stamp)) {
    takeLock();
    try {
      // another file may have built while this one waited
      if (!current(stamp)) {
        rmSync(STAMP, { force: true });
        spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
        if (!existsSync(MAIN_JS)) throw new Error('the build did not produce dist/cli/main.js');
        writeFileSync(STAMP, stamp);
      }
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
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
