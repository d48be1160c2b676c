/**
 * `kernel-sim experiment quiescence --shard k/N --out PART` and `kernel-sim
 * merge PARTS --out DIR`: the merged folder holds the serial experiment's
 * files byte for byte (all but quiescence-timing.json, wall-clock figures),
 * and merge prints the serial table; on a small grid cut mid-cell (18 runs in
 * 4 shards) and into more shards than runs (empty slices); and what merge
 * refuses (a shard missing or twice, parts of different sweeps). The
 * strategies experiment likewise (every file byte for byte).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { bufferIo } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { deterministicFiles, SMALL_GRID, tableOf } from './experiment-grid.ts';

const dir = mkdtempSync(join(tmpdir(), 'ks-exp-shard-'));
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = bufferIo({ cwd: dir });
  const code = await runCli(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

async function shards(count: number, prefix: string): Promise<string[]> {
  const files: string[] = [];
  for (let k = 1; k <= count; k++) {
    const file = `${prefix}-${k}-of-${count}.json`;
    const r = await cli([
      ...SMALL_GRID,
      '--workers',
      '0',
      '--shard',
      `${k}/${count}`,
      '--out',
      file,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`wrote part: ${join(dir, file)}`);
    files.push(file);
  }
  return files;
}

describe('kernel-sim experiment quiescence --shard k/N and kernel-sim merge', () => {
  let serial: { stdout: string; files: Map<string, string> };
  beforeAll(async () => {
    const r = await cli([...SMALL_GRID, '--workers', '0', '--out', 'serial']);
    expect(r.code, r.stderr).toBe(0);
    serial = {
      stdout: tableOf(r.stdout, join(dir, 'serial')),
      files: deterministicFiles(join(dir, 'serial')),
    };
    expect(serial.files.has('quiescence.json')).toBe(true);
    expect(serial.files.has('quiescence.csv')).toBe(true);
  });

  test('4 shards (cut mid-cell), merged in any order: the serial files byte for byte and the serial table', async () => {
    const parts = await shards(4, 'q');
    const r = await cli(['merge', ...parts.reverse(), '--out', 'merged-4', '--no-plots']);
    expect(r.code, r.stderr).toBe(0);
    const merged = deterministicFiles(join(dir, 'merged-4'));
    expect([...merged.keys()]).toEqual([...serial.files.keys()]);
    for (const [name, bytes] of serial.files) expect(merged.get(name), name).toBe(bytes);
    expect(tableOf(r.stdout, join(dir, 'merged-4'))).toBe(serial.stdout);
  });

  test('more shards than runs (empty slices): still the serial files', async () => {
    const parts = await shards(20, 'many');
    const r = await cli(['merge', ...parts, '--out', 'merged-20', '--no-plots']);
    expect(r.code, r.stderr).toBe(0);
    const merged = deterministicFiles(join(dir, 'merged-20'));
    for (const [name, bytes] of serial.files) expect(merged.get(name), name).toBe(bytes);
  });

  test('merge refuses a missing shard, a shard given twice, parts of another sweep, and no --out', async () => {
    const parts = await shards(2, 'r');
    const missing = await cli(['merge', parts[0], '--out', 'x']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing shard(s) 2/2');
    const twice = await cli(['merge', parts[0], parts[0], '--out', 'x']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('shard 1/2 given twice');
    const other = await cli([
      ...SMALL_GRID.map((a) => (a === '3' ? '2' : a)),
      '--workers',
      '0',
      '--shard',
      '2/2',
      '--out',
      'other.json',
    ]);
    expect(other.code, other.stderr).toBe(0);
    const mixed = await cli(['merge', parts[0], 'other.json', '--out', 'x']);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('is from a different experiment sweep');
    const noOut = await cli(['merge', ...parts]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('experiment parts need --out DIR');
  });

  test('--shard with --out naming a folder, and --job-runs without --queue, are usage errors', async () => {
    const folder = await cli([...SMALL_GRID, '--shard', '1/2', '--out', '.']);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('with --shard, --out names the part file');
    const jobRuns = await cli([...SMALL_GRID, '--job-runs', '5', '--out', 'y']);
    expect(jobRuns.code).toBe(2);
    expect(jobRuns.stderr).toContain('add --queue');
    const bad = await cli([...SMALL_GRID, '--shard', '3/2', '--out', 'z.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--shard: expected k/N');
  });
});

describe('kernel-sim experiment strategies --shard k/N and kernel-sim merge', () => {
  const GRID = [
    'experiment',
    'strategies',
    '--workloads',
    'hello,naive-swap-loses-a-call',
    '--strategies',
    'quiescence,naive',
    '--seeds',
    '2',
    '--no-plots',
  ];
  const all = (folder: string): Map<string, string> =>
    new Map(
      readdirSync(folder)
        .sort()
        .map((f) => [f, readFileSync(join(folder, f), 'utf8')]),
    );

  test('8 runs in 3 shards (cut mid-pair), merged: every serial file byte for byte and the serial table', async () => {
    const serial = await cli([...GRID, '--out', 's-serial']);
    expect(serial.code, serial.stderr).toBe(0);
    const parts: string[] = [];
    for (let k = 1; k <= 3; k++) {
      const r = await cli([...GRID, '--shard', `${k}/3`, '--out', `s-part-${k}.json`]);
      expect(r.code, r.stderr).toBe(0);
      parts.push(`s-part-${k}.json`);
    }
    const merged = await cli(['merge', ...parts.reverse(), '--out', 's-merged', '--no-plots']);
    expect(merged.code, merged.stderr).toBe(0);
    const want = all(join(dir, 's-serial'));
    expect(want.size).toBeGreaterThan(0);
    const got = all(join(dir, 's-merged'));
    expect([...got.keys()]).toEqual([...want.keys()]);
    for (const [name, bytes] of want) expect(got.get(name), name).toBe(bytes);
    expect(merged.stdout.replaceAll(join(dir, 's-merged'), 'OUT')).toBe(
      serial.stdout.replaceAll(join(dir, 's-serial'), 'OUT'),
    );
    const missing = await cli(['merge', parts[0], '--out', 'x']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing shard(s)');
  });
});
