import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { bufferIo } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/run-cli.ts';

async function cli(...args: string[]) {
  const io = bufferIo({ cwd: process.cwd() });
  const code = await runCli(['cluster', ...args], io);
  return { code, out: io.stdout, err: io.stderr };
}

describe('kernel-sim cluster', () => {
  test('the seed first, the account, the lanes, PASSED, exit 0', async () => {
    const r = await cli(
      'colorset',
      '--seed',
      '3',
      '--loss',
      '0.05',
      '--failures',
      '2',
      '--partition',
      '--timeline',
    );
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('seed 3');
    expect(lines[1]).toBe(
      'cluster colorset: 8 nodes, schedule rolling, loss 0.05, failures 2, partition',
    );
    expect(r.out).toMatch(/nodes upgraded 8\/8/);
    expect(r.out).toMatch(/disallowed \d+ \(clients saw: 2:insert \d+\)/);
    expect(lines.filter((l) => /^node\d+ +[12~x]+$/.test(l))).toHaveLength(8);
    expect(r.out).toMatch(/\nPASSED\n$/);
  });

  test('a drawn seed is printed and said so', async () => {
    const r = await cli('growset', '--nodes', '3', '--ops', '5');
    expect(r.out).toMatch(/^seed \d+ \(drawn; pass --seed to replay\)\n/);
    expect(r.code).toBe(0);
  });

  test('a failing run: exit 4 (liveness), the reason and a reproduce line that replays it', async () => {
    const r = await cli('ring', '--seed', '5', '--nodes', '4', '--ticks-max', '50');
    expect(r.code).toBe(4);
    expect(r.out).toMatch(/FAILED seed 5: liveness: ticksMax 50 reached/);
    const line = r.out.split('\n').find((l) => l.startsWith('reproduce: '))!;
    expect(line).toBe('reproduce: kernel-sim cluster ring --seed 5 --nodes 4 --ticks-max 50');
    const again = await cli(...line.replace('reproduce: kernel-sim cluster ', '').split(' '));
    expect(again.out).toBe(r.out);
    expect(again.code).toBe(4);
  });

  test('--seeds runs a range and stops at the first failure with its reproduce line', async () => {
    const ok = await cli('ring', '--seed', '1', '--seeds', '3', '--nodes', '4', '--loss', '0.05');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/seeds 1\.\.3\nPASSED 3 seed\(s\); disallowed calls in all: 0\n$/);
    const bad = await cli('growset', '--seed', '7', '--seeds', '3', '--ticks-max', '30');
    expect(bad.code).toBe(4);
    expect(bad.out).toContain('FAILED seed 7:');
    expect(bad.out).toContain('reproduce: kernel-sim cluster growset --seed 7 --ticks-max 30');
  });

  test('--json: one document, the same for the same seed', async () => {
    const a = await cli('colorset-weak', '--seed', '2', '--nodes', '4', '--json');
    const b = await cli('colorset-weak', '--seed', '2', '--nodes', '4', '--json');
    expect(a.out).toBe(b.out);
    const doc = JSON.parse(a.out);
    expect(doc).toMatchObject({
      seed: 2,
      example: 'colorset-weak',
      outcome: 'passed',
      upgraded: 4,
      nodes: 4,
      exitCode: 0,
      violations: [],
    });
    expect(
      Object.keys(doc.refusedByCall).every((k) => ['2:flavorOf', '1:colorOf'].includes(k)),
    ).toBe(true);
  });

  test('--report writes the lanes page, one lane per node', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ks-cluster-'));
    const file = join(dir, 'lanes.html');
    const r = await cli('ring', '--seed', '2', '--nodes', '5', '--failures', '1', '--report', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`report: ${file}`);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('kernel-sim cluster ring, seed 2: PASSED');
    expect(html.match(/<g data-lane="node-\d+">/g)).toHaveLength(5);
    expect(html).toMatch(/data-state="upgrading"/);
    expect(html).toMatch(/data-state="down"/);
  });

  test('bad input: exit 2 with what to do', async () => {
    const a = await cli('hashset', '--seed', '1');
    expect(a.code).toBe(2);
    expect(a.err).toMatch(
      /unknown cluster example 'hashset': use one of ring, growset, colorset, colorset-weak/,
    );
    const b = await cli('ring', '--seed', '1', '--loss', '2');
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/--loss must be a probability in \[0, 1\), got 2/);
    const c = await cli('ring', '--seed', '1', '--nodes', '2', '--failures', '3');
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/failures \(3\) must be at most nodes \(2\)/);
  });
});
