import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { BIN, ensureBuilt, kernelSim, run } from './built-cli.ts';

// The built command (bin/kernel-sim.js -> dist/cli/main.js) in a child process.
describe('kernel-sim as a process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ks-proc-'));
  beforeAll(() => ensureBuilt(), 120_000);

  test('a scenario file outside the repository, importing from kernel-sim, runs through the built dist/', () => {
    writeFileSync(
      join(dir, 'mine.ts'),
      `import { compute, defineScenario, Simulation, type Op } from 'kernel-sim';
class Adder {
  total = 0;
  *add(n: number): Op<number> { yield* compute(2); return (this.total += n); }
  read(): number { return this.total; }
}
export default defineScenario({
  name: 'mine', description: 'three threads add',
  setup(sim) {
    if (!(sim instanceof Simulation)) throw new Error('two copies of kernel-sim');
    const a = sim.objects.create(Adder);
    for (let i = 1; i <= 3; i++) sim.spawn('t' + i, function* () { yield* a.add(i); });
    return { a };
  },
  expect(_r, _s, { a }) { if (a.read() !== 6) throw new Error('total ' + a.read()); },
});
`,
    );
    const r = kernelSim(['scenario', 'mine.ts', '--seed', '4', '--json'], dir, {
      FORCE_COLOR: '1',
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      seed: 4,
      outcome: 'passed',
      threads: { spawned: 3, exited: 3 },
      reproduce: 'kernel-sim scenario mine.ts --seed 4',
    });
    const text = kernelSim(['scenario', 'mine.ts', '--seed', '4'], dir, { FORCE_COLOR: '1' });
    expect(text.stdout).not.toContain(String.fromCharCode(27)); // piped: no colours
    expect(text.stdout).toMatch(/^seed: 4\n/);
  });

  test('failure outcomes reach the process exit code: correctness 3, liveness 4', () => {
    writeFileSync(
      join(dir, 'wrong.ts'),
      `import { defineScenario } from 'kernel-sim';\nexport default defineScenario({ name: 'w', description: 'd', setup() {}, expect() { throw new Error('nope'); } });\n`,
    );
    writeFileSync(
      join(dir, 'spin.ts'),
      `import { compute, defineScenario } from 'kernel-sim';\nexport default defineScenario({ name: 's', description: 'd', options: { ticksMax: 50 }, setup(sim) { sim.spawn('x', function* () { for (;;) yield* compute(5); }); } });\n`,
    );
    const wrong = kernelSim(['scenario', 'wrong.ts', '--seed', '1', '--quiet'], dir);
    expect(wrong.code).toBe(3);
    expect(wrong.stdout).toMatch(/^FAILED correctness: nope/);
    expect(kernelSim(['scenario', 'spin.ts', '--seed', '1', '--quiet'], dir).code).toBe(4);
  });

  test('bad input: exit 2, a message, no stack trace', () => {
    const r = kernelSim(['scenario', 'hello.ts', '--cpus', '0'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: option '--cpus <n>' argument '0' is invalid");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const missing = kernelSim(['scenario', 'absent.ts'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^kernel-sim: scenario file not found: /);
  });

  test('a bare name runs the bundled scenario from any directory; the pipe closing early is not an error', () => {
    const r = kernelSim(['scenario', 'hello.ts', '--seed', '2', '--quiet'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `${r.stdout.split('\n')[0]}\nreproduce: kernel-sim scenario hello.ts --seed 2\n`,
    );
    const piped = run('sh', ['-c', `"${process.execPath}" "${BIN}" list | head -1`], dir);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toMatch(/^bundled scenarios/);
  });

  test('kernel-sim check on 2 worker threads loads the scenario with the CLI loader in each worker', () => {
    const r = kernelSim(['check', 'mine.ts', '--seeds', '6', '--workers', '2'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^check mine\.ts: seeds 1\.\.6, schedule random, all checkers on\nruns 6, passed 6/,
    );
  });

  test('without dist/, the bin says to build instead of failing obscurely', () => {
    const pkg = mkdtempSync(join(tmpdir(), 'ks-nodist-'));
    mkdirSync(join(pkg, 'bin'));
    copyFileSync(BIN, join(pkg, 'bin', 'kernel-sim.js'));
    const r = run(process.execPath, [join(pkg, 'bin', 'kernel-sim.js'), '--version'], pkg);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('dist/ is missing; run `npm install` (or `npm run build`)');
  });
});
