import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { bufferIo } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { scenarioCommand } from '../../src/cli/scenario-command.ts';
import { bundledScenarioFiles } from '../../src/cli/scenario-path.ts';

const BUNDLED = bundledScenarioFiles().map((f) => basename(f));
const SEEDS = [1, 2, 3, 17];
const ESC = String.fromCharCode(27);
const ANSI = new RegExp(`${ESC}\\[`);

async function cli(...argv: string[]) {
  const io = bufferIo({ cwd: tmpdir() });
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('kernel-sim scenario', () => {
  test('the bundled scenarios include hello.ts and swap-scheduler.ts', () => {
    expect(BUNDLED).toContain('hello.ts');
    expect(BUNDLED).toContain('swap-scheduler.ts');
  });

  test.each(BUNDLED)(
    'bundled %s passes over several seeds (by bare name, from another directory)',
    async (name) => {
      for (const seed of SEEDS) {
        const io = bufferIo({ cwd: tmpdir() });
        const r = await scenarioCommand({ target: name, seed, quiet: true }, io);
        expect(r.report.outcome, `${name} --seed ${seed}: ${r.report.reason}`).toBe('passed');
        expect(r.exitCode).toBe(0);
        expect(io.stdout).toBe(
          `PASSED (${r.report.ticks} ticks)\nreproduce: kernel-sim scenario ${name} --seed ${seed}\n`,
        );
      }
    },
  );

  test('text output: the seed and options first, then the account, then the verdict and the reproduce line', async () => {
    const { code, stdout } = await cli('scenario', 'hello.ts', '--seed', '5', '--cpus', '3');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('seed: 5');
    expect(lines[1]).toBe(
      'options: cpus=3 quantumTicks=5 ticksMax=10000 detector=k42 pollTicks=5 hashEvents=true callStats=false callDepthMax=1000 threadsMax=10000 objectsMax=100000 schedule=fifo swapStrategy=quiescence swapWait=per-cpu swapMediation=global',
    );
    expect(lines[2]).toMatch(/^scenario: hello \(hello\.ts\): /);
    expect(stdout).toMatch(/\nthreads: 24 spawned, 24 exited, 0 failed\n/);
    expect(stdout).toMatch(/\ncalls: \d+ entered, \d+ exited, 0 failed \(.*counter \d+.*\)\n/);
    expect(stdout).toMatch(
      /\n {2}swap 1: counter TallyCounter -> TallyCounterV2, requested at tick 15: completed\n {4}phases \(ticks\): negotiate \d+, forward \d+, block \d+, transfer \d+, complete \d+\n {4}calls: \d+ forwarded, \d+ held \(longest hold \d+ ticks\)\n/,
    );
    expect(lines.at(-2)).toMatch(/^PASSED \(\d+ ticks\)$/);
    expect(lines.at(-1)).toBe('reproduce: kernel-sim scenario hello.ts --seed 5 --cpus 3');
    expect(stdout).not.toMatch(ANSI);
  });

  test('no --seed: one seed is drawn, printed first, and in the reproduce line', async () => {
    const { code, stdout } = await cli('scenario', 'hello.ts');
    expect(code).toBe(0);
    const seed = /^seed: (\d+) \(drawn at random; --seed \1 replays this run\)\n/.exec(stdout)?.[1];
    expect(seed).toBeDefined();
    expect(stdout).toContain(`reproduce: kernel-sim scenario hello.ts --seed ${seed}\n`);
  });

  test('--json: one JSON document with the report fields, no ANSI even on a colour terminal, byte-identical for the same seed', async () => {
    const run = async () => {
      const io = bufferIo({ cwd: tmpdir(), color: true, isTTY: true });
      const code = await runCli(['scenario', 'swap-scheduler.ts', '--seed', '8', '--json'], io);
      return { code, out: io.stdout };
    };
    const a = await run();
    const b = await run();
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(a.out).not.toMatch(ANSI);
    const doc = JSON.parse(a.out);
    expect(Object.keys(doc)).toEqual(
      expect.arrayContaining([
        'seed',
        'options',
        'outcome',
        'ticks',
        'reason',
        'eventsHash',
        'swaps',
        'threads',
        'plugins',
        'reproduce',
      ]),
    );
    expect(doc).toMatchObject({
      seed: 8,
      outcome: 'passed',
      reason: null,
      options: { seed: 8, cpus: 2 },
    });
    expect(doc.swaps[0]).toMatchObject({
      objects: ['scheduler'],
      from: ['RoundRobinPolicy'],
      to: ['StridePolicy'],
      outcome: 'completed',
    });
    expect(doc.swaps[0].phaseTicks).toHaveProperty('forward');
    expect(doc.threads.spawned).toBe(doc.threads.exited);
  });

  test('the reproduce line reproduces the run (same events hash)', async () => {
    const first = await cli(
      'scenario',
      'hello.ts',
      '--quantum',
      '3',
      '--plugin',
      'counter',
      '--json',
    );
    const doc = JSON.parse(first.stdout);
    const argv = (doc.reproduce as string).split(' ');
    expect(argv.slice(0, 2)).toEqual(['kernel-sim', 'scenario']);
    const again = await cli(...argv.slice(1), '--json');
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(first.stdout);
  });

  test('colours only when asked for (a terminal); the words are the same', async () => {
    const plain = bufferIo({ cwd: tmpdir() });
    const coloured = bufferIo({ cwd: tmpdir(), color: true, isTTY: true });
    await scenarioCommand({ target: 'hello.ts', seed: 2 }, plain);
    await scenarioCommand({ target: 'hello.ts', seed: 2 }, coloured);
    expect(plain.stdout).not.toMatch(ANSI);
    expect(coloured.stdout).toMatch(ANSI);
    expect(coloured.stdout.replace(new RegExp(`${ESC}\\[[0-9;]*m`, 'g'), '')).toBe(plain.stdout);
  });

  test('--plugin reports appear in the account; --trace writes the Chrome trace; --report writes the HTML page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ks-out-'));
    const io = bufferIo({ cwd: dir });
    const r = await scenarioCommand(
      {
        target: 'hello.ts',
        seed: 3,
        plugin: ['counter=counter'],
        trace: 'trace.json',
        report: 'run.html',
      },
      io,
    );
    expect(r.exitCode).toBe(0);
    expect(io.stdout).toMatch(/\nplugin counter:\n {2}.*counter/);
    expect(r.report.plugins.map((p) => p.name)).toEqual(['counter', 'tracer']);
    expect(r.report.reproduce).toBe(
      'kernel-sim scenario hello.ts --seed 3 --plugin counter=counter',
    );
    const trace = JSON.parse(readFileSync(join(dir, 'trace.json'), 'utf8'));
    expect(Array.isArray(trace.traceEvents)).toBe(true);
    expect(trace.traceEvents.length).toBeGreaterThan(10);
    expect(existsSync(join(dir, 'run.html'))).toBe(true);
    expect(readFileSync(join(dir, 'run.html'), 'utf8')).toContain(
      'kernel-sim scenario hello.ts --seed 3',
    );
    expect(io.stdout).toContain(`wrote: ${join(dir, 'trace.json')}`);
    expect(io.stdout).toContain(`wrote: ${join(dir, 'run.html')}`);
  });

  test('tracing does not change the run (same events hash with and without --trace)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ks-trace-'));
    const plain = await scenarioCommand(
      { target: 'hello.ts', seed: 6, quiet: true },
      bufferIo({ cwd: dir }),
    );
    const traced = await scenarioCommand(
      { target: 'hello.ts', seed: 6, quiet: true, trace: 't.json', report: 'r.html' },
      bufferIo({ cwd: dir }),
    );
    expect(traced.report.eventsHash).toBe(plain.report.eventsHash);
  });
});

describe('kernel-sim scenario --faults', () => {
  test('installs seeded faults before setup, reports them as the faults section, keeps --faults in the reproduce line, and replays', async () => {
    const run = () =>
      scenarioCommand(
        { target: 'hello.ts', seed: 2, faults: true, json: true },
        bufferIo({ cwd: tmpdir() }),
      );
    const a = await run();
    const b = await run();
    expect(JSON.stringify(a.report)).toBe(JSON.stringify(b.report));
    expect(a.report.reproduce).toBe('kernel-sim scenario hello.ts --seed 2 --faults');
    const faults = a.report.plugins.find((p) => p.name === 'faults');
    expect(faults?.report).toMatchObject({ active: expect.any(Array), log: expect.any(Array) });
    const plain = await scenarioCommand(
      { target: 'hello.ts', seed: 2, quiet: true },
      bufferIo({ cwd: tmpdir() }),
    );
    expect(plain.report.eventsHash).not.toBe(a.report.eventsHash);
  });
});
