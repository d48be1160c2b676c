import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { bufferIo } from '../../src/cli/cli-io.ts';
import { experimentQuiescenceCommand } from '../../src/cli/experiment-command.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { exitCodeFor } from '../../src/cli/error-boundary.ts';
import { PlotLibraryMissingError, VEGA_INSTALL } from '../../src/experiments/index.ts';

describe('kernel-sim experiment quiescence', () => {
  test('a small sweep: a table of points, the files written, plain progress lines when not on a terminal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ks-exp-'));
    const io = bufferIo({ cwd: dir });
    const r = await experimentQuiescenceCommand(
      {
        out: 'q',
        seeds: 2,
        threadsPerCpu: 15,
        requests: 2,
        lifetimes: 'exp:10',
        cpus: '2',
        gaps: '4',
        detectors: 'k42,oracle',
        workers: 0,
      },
      io,
    );
    expect(r.exitCode).toBe(0);
    expect(r.files.length).toBeGreaterThan(0);
    for (const f of r.files) expect(existsSync(f), f).toBe(true);
    expect(r.files).toContain(join(dir, 'q', 'quiescence.csv'));
    expect(io.stdout).toMatch(/^detector +poll +cpus +gap +lifetime/);
    expect(io.stdout).toMatch(/\nk42 +5 +2 +4 +exp:10 +2 /);
    expect(io.stdout).toMatch(/\noracle /);
    expect(io.stdout).toContain(`wrote: ${join(dir, 'q', 'quiescence.csv')}`);
    expect(io.stderr).toMatch(/^progress: \d+\/4 runs\n/);
    expect(io.stderr).toContain('progress: 4/4 runs\n');
  });

  test('--no-plots writes the data and the plot specs but no SVG (vega is an optional peer)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ks-exp-'));
    const io = bufferIo({ cwd: dir });
    const args = ['experiment', 'quiescence', '--out', 'q', '--no-plots', '--seeds', '1'];
    const small = ['--threads-per-cpu', '5', '--requests', '1', '--lifetimes', 'exp:10'];
    const tail = ['--cpus', '2', '--gaps', '4', '--detectors', 'oracle', '--workers', '0'];
    expect(await runCli([...args, ...small, ...tail], io)).toBe(0);
    expect(existsSync(join(dir, 'q', 'quiescence.csv'))).toBe(true);
    expect(existsSync(join(dir, 'q', 'quiescence-latency.vl.json'))).toBe(true);
    expect(existsSync(join(dir, 'q', 'quiescence-latency.svg'))).toBe(false);
  });

  test('a missing vega is a usage error (exit 2) that says how to install it', () => {
    const e = new PlotLibraryMissingError(`plots need ... run \`${VEGA_INSTALL}\``);
    const io = bufferIo();
    expect(exitCodeFor(e, io)).toBe(2);
    expect(io.stderr).toContain('npm install --save-exact vega@6.4.0 vega-lite@6.4.0');
  });

  test.each([
    [['--lifetimes', 'forever'], /lifetime 'forever'/],
    [['--cpus', '2,x'], /--cpus: 'x' is not a whole number/],
    [['--cpus', '0'], /cpus must be an integer from 1 to 64, got 0/],
    [['--detectors', 'psychic'], /'psychic' is not one of k42, event, oracle/],
    [['--sleep-fraction', '2'], /--sleep-fraction must be a number from 0 to 1/],
  ])('bad sweep option %j: exit 2 before anything runs', async (args, message) => {
    const io = bufferIo({ cwd: mkdtempSync(join(tmpdir(), 'ks-exp-')) });
    expect(await runCli(['experiment', 'quiescence', '--out', 'x', ...args], io)).toBe(2);
    expect(io.stderr).toMatch(message);
  });
});
