/**
 * `check` over every bundled scenario with faults on: all checkers must pass
 * on every seed. Seeds per scenario: KERNEL_SIM_CHECK_SEEDS (CI: 200), else
 * 25 so a local run takes seconds.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { formatSummary, runCheck } from '../../src/check/index.ts';
import type { FormatMapping } from '../../src/checkers/index.ts';

const SEEDS = Number(process.env.KERNEL_SIM_CHECK_SEEDS ?? 25);
const files = readdirSync('scenarios')
  .filter((f) => f.endsWith('.ts'))
  .sort();

interface Block {
  readonly file: string;
  readonly block: number;
  readonly data: string;
  readonly dirty: boolean;
}

/**
 * The file caches' 'blocks' format (one part each side): import keeps every
 * dirty block and may drop clean ones to fit its capacity, so the state is
 * preserved when the dirty blocks match exactly and every clean block kept
 * was exported.
 */
const blocks: FormatMapping = {
  equal(exported, imported) {
    const key = (b: Block) => `${b.file}:${b.block}=${b.data}`;
    const [before, after] = [exported, imported].map(
      (part) => (part as { blocks: readonly Block[] }).blocks,
    );
    const dirty = (bs: readonly Block[]) =>
      bs
        .filter((b) => b.dirty)
        .map(key)
        .sort()
        .join(' ');
    const clean = new Set(before.filter((b) => !b.dirty).map(key));
    return dirty(before) === dirty(after) && after.every((b) => b.dirty || clean.has(key(b)));
  },
};

describe(`check --faults over the bundled scenarios (${SEEDS} seeds each)`, () => {
  test('there are bundled scenarios', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    test(file, { timeout: 600_000 }, async () => {
      const s = await runCheck({
        scenario: `scenarios/${file}`,
        seeds: SEEDS,
        faults: true,
        checkers: { transfer: { formats: { blocks } } },
      });
      expect(s.exitCode, formatSummary(s).join('\n')).toBe(0);
      expect(s.runs).toBe(SEEDS);
    });
  }
});
