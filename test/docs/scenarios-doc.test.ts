/**
 * docs/SCENARIOS.md is run, not just read: every `ts` block that exports a
 * scenario is written to a file outside the repository, loaded by the CLI's
 * loader (as `kernel-sim scenario ./file.ts` does) and run over several
 * seeds; each must pass. The guide's tables name every defineScenario field
 * and every scenario option, and its k42-detector remark is true. A guide
 * that drifts from the API fails here.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/cli/load-scenario.ts';
import { runScenario } from '../../src/index.ts';
import { SCENARIO_OPTION_NAMES } from '../../src/scenario/index.ts';

const GUIDE = readFileSync('docs/SCENARIOS.md', 'utf8');
const BLOCKS = [...GUIDE.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
const SCENARIOS = BLOCKS.filter((b) => b.includes('export default defineScenario'));
const SEEDS = [1, 2, 3, 7, 42];

function nameOf(code: string): string {
  const name = /name: '([a-z0-9-]+)'/.exec(code)?.[1];
  if (name === undefined) throw new Error(`a scenario block has no name: ${code.slice(0, 80)}`);
  return name;
}

async function load(code: string, file = `${nameOf(code)}.ts`) {
  const path = join(mkdtempSync(join(tmpdir(), 'kernel-sim-guide-')), file);
  writeFileSync(path, code);
  return loadScenario(path);
}

describe('docs/SCENARIOS.md', () => {
  test('has the three scenarios the guide walks through', () => {
    expect(SCENARIOS.map(nameOf)).toEqual(['counter', 'seeded', 'file-cache']);
  });

  for (const code of SCENARIOS) {
    test(`scenario '${nameOf(code)}' passes over seeds ${SEEDS.join(', ')}`, async () => {
      const scenario = await load(code);
      for (const seed of SEEDS) {
        const r = runScenario(scenario, { seed });
        expect(r.outcome, `seed ${seed}: ${r.reason}`).toBe('passed');
        expect(r.swaps.every((s) => s.outcome === 'completed')).toBe(true);
      }
    });
  }

  test('file-cache holds calls, and fails its expect on the k42 token ring as the guide says', async () => {
    const code = SCENARIOS.find((c) => nameOf(c) === 'file-cache')!;
    const held = runScenario(await load(code), { seed: 1 });
    expect(held.swaps[0].held).toBeGreaterThan(0);
    const perCpu = await load(code.replace("detector: 'event'", "detector: 'k42'"));
    expect(runScenario(perCpu, { seed: 1 }).swaps[0].held).toBeGreaterThan(0);
    const k42 = await load(
      code.replace("detector: 'event'", "detector: 'k42', swapWait: 'token-ring'"),
    );
    const r = runScenario(k42, { seed: 1 });
    expect(r.outcome).toBe('correctness');
    expect(r.reason).toContain('no call was held');
  });

  test('the seed varies the seeded scenario (different event logs)', async () => {
    const scenario = await load(SCENARIOS.find((c) => nameOf(c) === 'seeded')!);
    const hashes = new Set(SEEDS.map((seed) => runScenario(scenario, { seed }).eventsHash));
    expect(hashes.size).toBe(SEEDS.length);
  });

  test('names every defineScenario field and every scenario option', () => {
    for (const field of [
      'name',
      'description',
      'options',
      'setup(sim, params)',
      'params',
      'checkers',
      'onFailedThread',
      'faultAware',
    ])
      expect(GUIDE, field).toContain(`| \`${field}\``);
    for (const field of ['expect(result, sim, ctx, info)', 'summary(result, sim, ctx)'])
      expect(GUIDE, field).toContain(`| \`${field}\``);
    for (const option of SCENARIO_OPTION_NAMES) expect(GUIDE, option).toContain(`| \`${option}\``);
  });
});
