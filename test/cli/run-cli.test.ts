import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { bufferIo } from '../../src/cli/cli-io.ts';
import { packagePaths } from '../../src/cli/package-paths.ts';
import { runCli } from '../../src/cli/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'ks-cli-'));
function scenarioFile(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `import { compute, defineScenario, sleep } from 'kernel-sim';\n${body}`);
  return path;
}

async function cli(...argv: string[]) {
  const io = bufferIo({ cwd: dir });
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('kernel-sim exit codes and errors', () => {
  test('a correctness failure (expect throws) exits 3 with FAILED, the reason, the tick and the reproduce line', async () => {
    const file = scenarioFile(
      'wrong.ts',
      `export default defineScenario({ name: 'wrong', description: 'd',
  setup(sim) { sim.spawn('t', function* () { yield* sleep(4); }); },
  expect() { throw new Error('two plus two is not five'); } });\n`,
    );
    const r = await cli('scenario', file, '--seed', '3');
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(
      /\nFAILED correctness: two plus two is not five \(expect, at wrong\.ts:4\) at tick \d+\nreproduce: kernel-sim scenario \S+wrong\.ts --seed 3\n$/,
    );
  });

  test('a liveness failure (ticksMax) exits 4', async () => {
    const file = scenarioFile(
      'spin.ts',
      `export default defineScenario({ name: 'spin', description: 'd', options: { ticksMax: 100 },
  setup(sim) { sim.spawn('spinner', function* () { for (;;) yield* compute(5); }); } });\n`,
    );
    const r = await cli('scenario', file, '--seed', '1', '--quiet');
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/^FAILED liveness: .*spinner.* at tick \d+\n/);
    expect(
      (await cli('scenario', file, '--seed', '1', '--ticks-max', '50', '--quiet')).stdout,
    ).toContain('--ticks-max 50');
  });

  test('a crash (an exception in kernel context) exits 1', async () => {
    const file = scenarioFile(
      'crash.ts',
      `export default defineScenario({ name: 'crash', description: 'd', setup(sim) { sim.at(3, () => { throw new Error('kaboom'); }); } });\n`,
    );
    const r = await cli('scenario', file, '--seed', '1', '--quiet');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAILED crash: .*kaboom/);
  });

  test('setup that throws: exit 2, the message and the line in the scenario file', async () => {
    const file = scenarioFile(
      'setup-throws.ts',
      `export default defineScenario({ name: 'st', description: 'd',
  setup(sim) {
    sim.objects.create(undefined as never);
  } });\n`,
    );
    const r = await cli('scenario', file, '--seed', '1');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^kernel-sim: scenario 'st': setup threw TypeError: objects.create: expected a class, got undefined\n {4}at \S+setup-throws\.ts:4\n$/,
    );
    expect(r.stdout).toMatch(/^seed: 1\n/); // printed before the run, as always
    expect(r.stdout).not.toMatch(/PASSED|FAILED/);
  });

  test('a missing file: exit 2, naming the path tried and where bare names are looked up', async () => {
    const bare = await cli('scenario', 'no-such-scenario.ts');
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain(`scenario file not found: ${join(dir, 'no-such-scenario.ts')}`);
    expect(bare.stderr).toContain(`bare names are looked up in ${packagePaths().scenarios}`);
    expect(bare.stderr).toContain('kernel-sim list');
    const path = await cli('scenario', './sub/none.ts');
    expect(path.code).toBe(2);
    expect(path.stderr).toContain(
      `bare names (no '/') are looked up in the bundled scenarios folder, ${packagePaths().scenarios}`,
    );
  });

  test('a TypeScript syntax error: exit 2 with file, line and message', async () => {
    const file = join(dir, 'broken.ts');
    writeFileSync(file, 'export default {\n  name: "x",,\n};\n');
    const r = await cli('scenario', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^kernel-sim: ${file.replaceAll('.', '\\.')}:2:\\d+: syntax error: `),
    );
  });

  test('no default scenario export: exit 2', async () => {
    const file = scenarioFile('plain.ts', 'export const x = 1;\n');
    const r = await cli('scenario', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has no default scenario export');
  });

  test.each([
    [['scenario', 'hello.ts', '--frobnicate'], /error: unknown option '--frobnicate'/],
    [
      ['scenario', 'hello.ts', '--cpus', '0'],
      /option '--cpus <n>' argument '0' is invalid\. expected an integer from 1 to 64/,
    ],
    [['scenario', 'hello.ts', '--cpus', '65'], /expected an integer from 1 to 64/],
    [['scenario', 'hello.ts', '--seed', 'abc'], /option '--seed <n>' argument 'abc' is invalid/],
    [['scenario', 'hello.ts', '--seed', '-1'], /option '--seed <n>' argument '-1' is invalid/],
    [['scenario', 'hello.ts', '--quantum', '1.5'], /expected an integer from 1 to/],
    [
      ['scenario', 'hello.ts', '--detector', 'psychic'],
      /argument 'psychic' is invalid\. Allowed choices are k42, event, oracle/,
    ],
    [['scenario'], /missing required argument 'file-or-name'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['experiment', 'quiescence'], /required option '--out <dir>' not specified/],
  ])('usage error %j: exit 2 with a clear message', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('an unknown plugin: exit 2, listing the known ones', async () => {
    const r = await cli('scenario', 'hello.ts', '--plugin', 'telepathy');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /--plugin telepathy: unknown plugin 'telepathy'; known plugins: .*counter.*latency.*logger/,
    );
  });

  test('no command: help on stderr and exit 2', async () => {
    const r = await cli();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: kernel-sim');
  });

  test.each(['scenario', 'list', 'check', 'experiment quiescence'])(
    '%s --help: exit 0, with examples',
    async (command) => {
      const r = await cli(...command.split(' '), '--help');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: kernel-sim ${command}`);
      expect(r.stdout).toMatch(/Examples:\n {2}\$ kernel-sim /);
    },
  );

  test('--help documents the exit codes; --version prints the package version', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(
      /Exit codes:\n {2}0 {2}passed\n {2}1 {2}internal error.*\n {2}2 {2}usage or input error.*\n {2}3 {2}correctness failure.*\n {2}4 {2}liveness failure/,
    );
    const version = await cli('--version');
    expect(version.code).toBe(0);
    expect(version.stdout).toBe(`${packagePaths().version}\n`);
  });
});
