import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { packagePaths } from '../../src/cli/package-paths.ts';
import { bundledScenarioFiles, resolveScenarioPath } from '../../src/cli/scenario-path.ts';

describe('resolveScenarioPath', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ks-path-'));
  writeFileSync(join(dir, 'hello.ts'), 'export default 1;\n');
  mkdirSync(join(dir, 'folder'));

  test('an existing path wins, relative to the working directory or absolute', () => {
    expect(resolveScenarioPath('hello.ts', dir)).toBe(join(dir, 'hello.ts'));
    expect(resolveScenarioPath(join(dir, 'hello.ts'), '/')).toBe(join(dir, 'hello.ts'));
  });

  test('a bare name not found here falls back to the bundled scenarios, with or without .ts', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'ks-empty-'));
    expect(resolveScenarioPath('hello.ts', elsewhere)).toBe(
      join(packagePaths().scenarios, 'hello.ts'),
    );
    expect(resolveScenarioPath('swap-scheduler', elsewhere)).toBe(
      join(packagePaths().scenarios, 'swap-scheduler.ts'),
    );
  });

  test('errors name the path tried and the bundled folder', () => {
    expect(() => resolveScenarioPath('nope.ts', dir)).toThrow(
      `scenario file not found: ${join(dir, 'nope.ts')}`,
    );
    expect(() => resolveScenarioPath('nope.ts', dir)).toThrow(
      `bare names are looked up in ${packagePaths().scenarios}`,
    );
    expect(() => resolveScenarioPath('a/nope.ts', dir)).toThrow(
      "bare names (no '/') are looked up in the bundled scenarios folder",
    );
    expect(() => resolveScenarioPath('folder', dir)).toThrow(
      `${join(dir, 'folder')} is a directory`,
    );
    expect(() => resolveScenarioPath('', dir)).toThrow('no scenario given');
  });

  test('bundledScenarioFiles lists the .ts files of scenarios/, sorted', () => {
    const names = bundledScenarioFiles().map((f) => basename(f));
    expect(names).toContain('hello.ts');
    expect([...names].sort()).toEqual(names);
    expect(names.every((n) => /\.(ts|mts|js|mjs)$/.test(n))).toBe(true);
  });
});
