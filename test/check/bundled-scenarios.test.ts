/**
 * `check` over every bundled scenario with faults on: all checkers must pass
 * on every seed (test/check/bundled-check.ts). This file takes every scenario
 * but the slow ones listed in SEPARATE, which have files of their own
 * (bundled-scenarios-<name>.test.ts).
 */
import { existsSync } from 'node:fs';
import { expect, test } from 'vitest';
import { bundledScenarioFiles, describeBundledCheck, SEPARATE } from './bundled-check.ts';

const files = bundledScenarioFiles();

test('there are bundled scenarios, and each one run apart has its own test file', () => {
  expect(files.length).toBeGreaterThan(SEPARATE.length);
  for (const f of SEPARATE) {
    expect(files).toContain(f);
    expect(existsSync(`test/check/bundled-scenarios-${f.replace(/\.ts$/, '')}.test.ts`)).toBe(true);
  }
});

describeBundledCheck(files.filter((f) => !SEPARATE.includes(f)));
