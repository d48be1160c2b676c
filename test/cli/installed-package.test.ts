import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, ROOT, run } from './built-cli.ts';

// The package as a user gets it: npm pack, install the tarball into an empty
// project (dependencies from the npm registry or the local cache), run npx.
describe('the installed package', () => {
  const app = mkdtempSync(join(tmpdir(), 'ks-app-'));

  beforeAll(() => {
    ensureBuilt();
    const packDir = mkdtempSync(join(tmpdir(), 'ks-pack-'));
    // --ignore-scripts: dist/ was just built; `prepare` would build it again.
    const pack = run('npm', ['pack', '--ignore-scripts', '--pack-destination', packDir], ROOT);
    expect(pack.code, pack.stderr).toBe(0);
    const tarball = join(
      packDir,
      readdirSync(packDir).find((f) => f.endsWith('.tgz'))!,
    );
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'app', private: true, type: 'module' }),
    );
    const install = run(
      'npm',
      ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund'],
      app,
    );
    expect(install.code, install.stderr).toBe(0);
  }, 300_000);

  test('npx kernel-sim scenario swap-scheduler.ts (a bundled scenario by its bare name) passes', () => {
    const r = run('npx', ['kernel-sim', 'scenario', 'swap-scheduler.ts', '--seed', '1'], app);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^seed: 1\noptions: /);
    expect(r.stdout).toMatch(
      /\nPASSED \(\d+ ticks\)\nreproduce: kernel-sim scenario swap-scheduler\.ts --seed 1\n$/,
    );
  });

  test('npx kernel-sim scenario hello.ts --json, and a scenario of the user importing kernel-sim', () => {
    const hello = run('npx', ['kernel-sim', 'scenario', 'hello.ts', '--seed', '3', '--json'], app);
    expect(hello.code, hello.stderr).toBe(0);
    expect(JSON.parse(hello.stdout).outcome).toBe('passed');
    writeFileSync(
      join(app, 'mine.ts'),
      `import { defineScenario, sleep } from 'kernel-sim';\nexport default defineScenario({ name: 'mine', description: 'd', setup(sim) { sim.spawn('t', function* () { yield* sleep(3); }); } });\n`,
    );
    const mine = run('npx', ['kernel-sim', 'scenario', './mine.ts', '--seed', '1', '--quiet'], app);
    expect(mine.code, mine.stderr).toBe(0);
    expect(mine.stdout).toMatch(/^PASSED/);
    const list = run('npx', ['kernel-sim', 'list'], app);
    expect(list.stdout).toContain(join(app, 'node_modules', 'kernel-sim', 'scenarios'));
  });
});
