import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkCommand } from '../../src/cli/check-command.ts';
import { bufferIo } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'ks-check-'));

describe('kernel-sim check', () => {
  test('a bundled scenario over seeds with every checker on: summary, PASSED, exit 0, progress on stderr', async () => {
    const io = bufferIo({ cwd: dir });
    const r = await checkCommand({ target: 'hello.ts', seeds: 6, workers: 1 }, io);
    expect(r.exitCode).toBe(0);
    expect(r.summary).toMatchObject({ runs: 6, passes: 6, scenario: 'hello.ts' });
    expect(io.stdout).toMatch(
      /^check hello\.ts: seeds 1\.\.6, schedule random, all checkers on\nruns 6, passed 6, failed 0/,
    );
    expect(io.stdout).toMatch(/\nPASSED 6 seed\(s\)\n$/);
    expect(io.stderr).toContain('check: 6/6 seeds\n');
  });

  test('with --faults, a seed range, and --json', async () => {
    const io = bufferIo({ cwd: dir });
    const code = await runCli(
      [
        'check',
        'hello.ts',
        '--seed-from',
        '10',
        '--seed-to',
        '13',
        '--faults',
        '--workers',
        '1',
        '--json',
      ],
      io,
    );
    const doc = JSON.parse(io.stdout);
    expect(doc).toMatchObject({ faults: true, runs: 4, seeds: { from: 10, to: 13 } });
    expect(code).toBe(doc.exitCode);
  });

  test('a failing scenario: exit 3, the failing seed, its violation and the reproduce line', async () => {
    const file = join(dir, 'fails.ts');
    writeFileSync(
      file,
      `import { defineScenario, sleep } from 'kernel-sim';\nexport default defineScenario({ name: 'f', description: 'd', setup(sim) { sim.spawn('t', function* () { yield* sleep(2); }); }, expect(_r, sim) { if (sim.options.seed % 2 === 0) throw new Error('even seeds fail'); } });\n`,
    );
    const io = bufferIo({ cwd: dir });
    const code = await runCli(['check', 'fails.ts', '--seeds', '4', '--workers', '1'], io);
    expect(code).toBe(3);
    expect(io.stdout).toMatch(/FAILED seed 2: expectation \(correctness: even seeds fail/);
    expect(io.stdout).toContain('reproduce: kernel-sim scenario fails.ts --seed 2');
    expect(io.stdout).toMatch(/\nFAILED 2 of 4 seed\(s\)\n$/);
  });

  test('bad input: exit 2 before anything runs', async () => {
    const both = bufferIo({ cwd: dir });
    expect(
      await runCli(
        ['check', 'hello.ts', '--seeds', '5', '--seed-from', '1', '--seed-to', '2'],
        both,
      ),
    ).toBe(2);
    expect(both.stderr).toMatch(/give either seeds \(--seeds N\) or a range/);
    const missing = bufferIo({ cwd: dir });
    expect(await runCli(['check', 'nowhere.ts'], missing)).toBe(2);
    expect(missing.stderr).toContain('scenario file not found');
  });

  test('--schedule: the summary, --json and the reproduce and recheck lines name it; a failing seed replays under it', async () => {
    const file = join(dir, 'order.ts');
    writeFileSync(
      file,
      `import { defineScenario, compute } from 'kernel-sim';\nexport default defineScenario({ name: 'o', description: 'd', setup(sim) { const order = []; for (let i = 0; i < 3; i++) sim.spawn('t' + i, function* () { yield* compute(3); order.push(i); }); return order; }, expect(_r, _sim, order) { if (order.join('') !== '012') throw new Error('ran out of order: ' + order.join('')); } });\n`,
    );
    const fifo = bufferIo({ cwd: dir });
    expect(
      await runCli(
        ['check', 'order.ts', '--seeds', '20', '--workers', '1', '--schedule', 'fifo'],
        fifo,
      ),
    ).toBe(0);
    expect(fifo.stdout).toMatch(/schedule fifo, all checkers on/);
    expect(fifo.stdout).toContain('coverage: 1 distinct schedule(s) (event logs) in 20 run(s)');
    const io = bufferIo({ cwd: dir });
    const code = await runCli(
      ['check', 'order.ts', '--seeds', '20', '--workers', '1', '--schedule', 'pct:2', '--json'],
      io,
    );
    expect(code).toBe(3);
    const doc = JSON.parse(io.stdout);
    expect(doc.schedule).toBe('pct:2');
    expect(doc.coverage.schedules).toBeGreaterThan(1);
    const first = doc.failing[0];
    expect(first.reproduce).toBe(
      `kernel-sim scenario order.ts --seed ${first.seed} --schedule pct:2`,
    );
    expect(first.recheck).toBe(
      `kernel-sim check order.ts --seed-from ${first.seed} --seed-to ${first.seed} --schedule pct:2`,
    );
    const again = bufferIo({ cwd: dir });
    expect(await runCli(first.reproduce.split(' ').slice(1), again)).toBe(3);
    expect(again.stdout).toContain('ran out of order');
    const bad = bufferIo({ cwd: dir });
    expect(await runCli(['check', 'order.ts', '--schedule', 'lifo'], bad)).toBe(2);
    expect(bad.stderr).toMatch(/--schedule.*use fifo, random or pct/);
  });
});
