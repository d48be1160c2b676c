import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { bufferIo } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'ks-merge-'));
const bundled = readdirSync(new URL('../../scenarios/', import.meta.url)).filter((f) =>
  f.endsWith('.ts'),
);

/** A cheap scenario whose even seeds fail their expect(). */
function failing(prefix: string): string {
  return `${prefix}import { defineScenario, sleep } from 'kernel-sim';\nexport default defineScenario({ name: 'f', description: 'even seeds fail', setup(sim) { sim.spawn('t', function* () { yield* sleep(2); }); }, expect(_r, sim) { if (sim.options.seed % 2 === 0) throw new Error('even seeds fail'); } });\n`;
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = bufferIo({ cwd: dir });
  const code = await runCli(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** Run the sweep serially and as `count` shards merged; both outputs and exit codes. */
async function serialAndMerged(
  args: string[],
  count: number,
  tag: string,
): Promise<[{ code: number; stdout: string }, { code: number; stdout: string }]> {
  const { code, stdout } = await cli(['check', ...args, '--workers', '1']);
  const parts: string[] = [];
  for (let k = count; k >= 1; k--) {
    const out = `${tag}-${k}.json`;
    const r = await cli([
      'check',
      ...args,
      '--workers',
      '1',
      '--shard',
      `${k}/${count}`,
      '--out',
      out,
    ]);
    expect(r.stdout).toContain(`shard ${k}/${count}`);
    parts.push(out);
  }
  const merged = await cli(['merge', ...parts]);
  return [
    { code, stdout },
    { code: merged.code, stdout: merged.stdout },
  ];
}

describe('kernel-sim check --shard k/N, then kernel-sim merge', () => {
  test.each(bundled)(
    '%s: the merged shards print the serial bytes, text and --json',
    async (name) => {
      // 4 seeds in 3 shards (slices of 1, 1 and 2): the first seeds re-run for determinism span shards
      const [serial, merged] = await serialAndMerged([name, '--seeds', '4'], 3, name);
      expect(merged.stdout).toBe(serial.stdout);
      expect(merged.code).toBe(serial.code);
      const json = await cli(['check', name, '--seeds', '4', '--workers', '1', '--json']);
      const mergedJson = await cli([
        'merge',
        `${name}-1.json`,
        `${name}-3.json`,
        `${name}-2.json`,
        '--json',
      ]);
      expect(mergedJson.stdout).toBe(json.stdout);
    },
  );

  test('with faults, a seed range, and a shard on worker threads: still the serial bytes', async () => {
    const args = ['swap-scheduler.ts', '--seed-from', '40', '--seed-to', '43', '--faults'];
    const serial = await cli(['check', ...args, '--workers', '1', '--json']);
    await cli(['check', ...args, '--workers', '1', '--shard', '1/2', '--out', 'f-1.json']);
    await cli(['check', ...args, '--workers', '2', '--shard', '2/2', '--out', 'f-2.json']);
    const merged = await cli(['merge', 'f-2.json', 'f-1.json', '--json']);
    expect(merged.stdout).toBe(serial.stdout);
    expect(JSON.parse(merged.stdout)).toMatchObject({ runs: 4, faults: true });
  }, 240_000); // three fault checks of swap-scheduler and a worker pool: over 60 s on a loaded 2-core machine

  test('a failing sweep: merge prints the failing seeds, the rest listed, and exits as the serial run does', async () => {
    writeFileSync(join(dir, 'fails.ts'), failing(''));
    const [serial, merged] = await serialAndMerged(['fails.ts', '--seeds', '14'], 3, 'fails');
    expect(serial.code).toBe(3);
    expect(merged.stdout).toContain('FAILED seed 2: expectation');
    expect(merged.stdout).toContain('also failed: seeds 12 (expectation), 14 (expectation)');
    expect(merged).toEqual(serial);
  });

  test('a scenario file changed between shards: merge refuses it', async () => {
    writeFileSync(join(dir, 'drift.ts'), failing(''));
    await cli([
      'check',
      'drift.ts',
      '--seeds',
      '4',
      '--workers',
      '1',
      '--shard',
      '1/2',
      '--out',
      'd1.json',
    ]);
    writeFileSync(join(dir, 'drift.ts'), failing('// edited on another machine\n'));
    await cli([
      'check',
      'drift.ts',
      '--seeds',
      '4',
      '--workers',
      '1',
      '--shard',
      '2/2',
      '--out',
      'd2.json',
    ]);
    const r = await cli(['merge', 'd1.json', 'd2.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /d2\.json is from a different sweep \(the scenario file differs between the machines/,
    );
  });

  test('more shards than seeds: empty shards merge too', async () => {
    const [serial, merged] = await serialAndMerged(['hello.ts', '--seeds', '2'], 4, 'many');
    expect(merged).toEqual(serial);
  });

  test('refused: a missing shard, a shard twice, another sweep, a tampered part, bad flags', async () => {
    await serialAndMerged(['hello.ts', '--seeds', '4'], 2, 'r');
    const missing = await cli(['merge', 'r-1.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing shard\(s\) 2\/2/);
    const twice = await cli(['merge', 'r-1.json', 'r-1.json', 'r-2.json']);
    expect(twice.stderr).toMatch(/shard 1\/2 given twice/);
    await cli([
      'check',
      'hello.ts',
      '--seeds',
      '6',
      '--workers',
      '1',
      '--shard',
      '2/2',
      '--out',
      'o-2.json',
    ]);
    const other = await cli(['merge', 'r-1.json', 'o-2.json']);
    expect(other.stderr).toMatch(/o-2\.json is from a different sweep/);
    const changed = JSON.parse(readFileSync(join(dir, 'r-2.json'), 'utf8')) as {
      scenarioHash: string;
      results: { seed: number }[];
    };
    writeFileSync(
      join(dir, 'h-2.json'),
      JSON.stringify({ ...changed, scenarioHash: '0'.repeat(64) }),
    );
    const hash = await cli(['merge', 'r-1.json', 'h-2.json']);
    expect(hash.code).toBe(2);
    expect(hash.stderr).toMatch(/scenario file differs between the machines/);
    writeFileSync(
      join(dir, 't-2.json'),
      JSON.stringify({ ...changed, results: changed.results.slice(1) }),
    );
    const lost = await cli(['merge', 'r-1.json', 't-2.json']);
    expect(lost.stderr).toMatch(
      /should hold the results of 2 seed\(s\) 3\.\.4 in order, but holds 1/,
    );
    const doubled = { ...changed, results: [changed.results[0], changed.results[0]] };
    writeFileSync(join(dir, 'd-2.json'), JSON.stringify(doubled));
    expect((await cli(['merge', 'r-1.json', 'd-2.json'])).stderr).toMatch(/should hold/);
    writeFileSync(join(dir, 'x.json'), '{"a":1}');
    expect((await cli(['merge', 'x.json'])).stderr).toMatch(/x\.json is not a check part/);
    expect((await cli(['check', 'hello.ts', '--shard', '3/2'])).stderr).toMatch(
      /--shard: expected k\/N/,
    );
    expect((await cli(['check', 'hello.ts', '--out', 'p.json'])).stderr).toMatch(
      /add --shard k\/N/,
    );
    const noDir = await cli(['check', 'hello.ts', '--shard', '1/2', '--out', 'nowhere/p.json']);
    expect(noDir.code).toBe(2);
    expect(noDir.stderr).toMatch(/--out: the folder .*nowhere does not exist/);
  });

  test('parts run with different --param, --strategy or --swap-mediation are refused; the same flags merge', async () => {
    const shard = (k: number, out: string, flags: string[]) =>
      cli([
        'check',
        'hello.ts',
        '--seeds',
        '4',
        '--workers',
        '1',
        '--shard',
        `${k}/2`,
        '--out',
        out,
        ...flags,
      ]);
    const small = ['--param', 'threads=3'];
    await shard(1, 'p3-1.json', small);
    await shard(2, 'p3-2.json', small);
    await shard(2, 'p4-2.json', ['--param', 'threads=4']);
    await shard(2, 'pd-2.json', []);
    await shard(2, 'ps-2.json', [...small, '--strategy', 'lazy']);
    await shard(2, 'pm-2.json', [...small, '--swap-mediation', 'per-cpu']);
    const same = await cli(['merge', 'p3-1.json', 'p3-2.json']);
    const serial = await cli(['check', 'hello.ts', '--seeds', '4', '--workers', '1', ...small]);
    expect(same.code).toBe(serial.code);
    expect(same.stdout).toBe(serial.stdout);
    for (const [other, flags] of [
      ['p4-2.json', /--param threads=4\b/],
      ['pd-2.json', /no run flags/],
      ['ps-2.json', /--strategy lazy/],
      ['pm-2.json', /--swap-mediation per-cpu/],
    ] as const) {
      const r = await cli(['merge', 'p3-1.json', other]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        new RegExp(`${other.replace('.', '\\.')} is from a different sweep`),
      );
      expect(r.stderr).toMatch(flags);
      expect(r.stderr).toMatch(/--param threads=3/);
    }
  });
});
