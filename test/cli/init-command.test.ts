import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { bufferIo } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { ensureBuilt, ROOT, run } from './built-cli.ts';

// An author's folder outside the repository.
const base = mkdtempSync(join(tmpdir(), 'kernel-sim-init-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('kernel-sim init [dir]', () => {
  const dir = join(base, 'my-scenarios');

  test('writes a starter scenario, a tsconfig.json and a package.json', async () => {
    const io = bufferIo({ cwd: base });
    expect(await runCli(['init', 'my-scenarios'], io)).toBe(0);
    for (const f of ['counter.ts', 'tsconfig.json', 'package.json'])
      expect(io.stdout).toContain(`wrote ${join(dir, f)}`);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg.type).toBe('module');
    expect(pkg.devDependencies['kernel-sim']).toBe(`file:${ROOT.replace(/\/$/, '')}`);
    const own = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.devDependencies.typescript).toBe(own.peerDependencies.typescript);
  });

  test('after the install, tsc in the folder finds kernel-sim and reports 0 errors', () => {
    ensureBuilt();
    // what `npm install` makes of a file: dependency on a folder: a link to it
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules', 'kernel-sim'), 'dir');
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const ok = run(process.execPath, [tsc], dir);
    expect(ok.stdout + ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    // and tsc does check: a wrong argument in the scenario is an error in its own line
    const starter = readFileSync(join(dir, 'counter.ts'), 'utf8');
    writeFileSync(join(dir, 'broken.ts'), starter.replace('counter.add(1)', "counter.add('1')"));
    const bad = run(process.execPath, [tsc], dir);
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toMatch(/broken\.ts\(\d+,\d+\): error TS2345/);
    rmSync(join(dir, 'broken.ts'));
  }, 240_000);

  test('the starter scenario passes `kernel-sim scenario`', async () => {
    const io = bufferIo({ cwd: dir });
    const code = await runCli(['scenario', 'counter.ts', '--seed', '7'], io);
    expect(io.stdout).toContain('PASSED');
    expect(code).toBe(0);
  }, 60_000);

  test('refuses to overwrite: exit 2 naming the files, nothing written', async () => {
    writeFileSync(join(dir, 'counter.ts'), '// mine\n');
    rmSync(join(dir, 'package.json'));
    const io = bufferIo({ cwd: base });
    expect(await runCli(['init', 'my-scenarios'], io)).toBe(2);
    expect(io.stderr).toContain(
      `not overwriting ${join(dir, 'counter.ts')}, ${join(dir, 'tsconfig.json')}`,
    );
    expect(readFileSync(join(dir, 'counter.ts'), 'utf8')).toBe('// mine\n');
    expect(() => readFileSync(join(dir, 'package.json'))).toThrow(/ENOENT/);
  });
});
