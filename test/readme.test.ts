/**
 * The README's example scenario, extracted from README.md and run the way a
 * user would (a file outside the repository, loaded by the CLI's loader):
 * if the README drifts from the API, this fails.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { loadScenario } from '../src/cli/load-scenario.ts';
import { runScenario } from '../src/index.ts';

test('the README example scenario runs and passes over several seeds', async () => {
  const readme = readFileSync('README.md', 'utf8');
  const code = /## A scenario\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(code, 'README has a "## A scenario" ts block').toBeDefined();
  const file = join(mkdtempSync(join(tmpdir(), 'kernel-sim-readme-')), 'my-swap.ts');
  writeFileSync(file, code!);
  const scenario = await loadScenario(file);
  for (const seed of [1, 7, 42]) {
    const r = runScenario(scenario, { seed });
    expect(r.outcome, `seed ${seed}: ${r.reason}`).toBe('passed');
    expect(r.swaps[0]?.outcome).toBe('completed');
  }
});
