import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { compute, defineScenario, runScenario, type Op } from 'kernel-sim';
import { bufferIo } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/run-cli.ts';

class Work {
  *run(ticks: number): Op<number> {
    yield* compute(ticks);
    return ticks;
  }
}

function scenario(summary: (turnarounds: number[]) => unknown) {
  return defineScenario({
    name: 'series',
    description: 'threads of growing weight; the summary returns their turnarounds as a series',
    setup(sim) {
      const w = sim.objects.create(Work);
      const turnarounds: number[] = [];
      for (let i = 1; i <= 4; i++)
        sim.spawn(`t${i}`, function* () {
          const start = sim.now;
          yield* w.run(i * 2);
          turnarounds.push(sim.now - start);
        });
      return turnarounds;
    },
    summary: (_r, _sim, turnarounds) => summary(turnarounds) as string[],
  });
}

describe("a scenario's summary series", () => {
  test('summary() may return { lines, series }: lines stay lines, series are kept by name', () => {
    const r = runScenario(
      scenario((t) => ({
        lines: [`${t.length} threads`],
        series: { turnaround: t, twice: t.map((x) => 2 * x) },
      })),
      { seed: 1 },
    );
    expect(r.summary).toEqual(['4 threads']);
    expect(r.series?.turnaround).toHaveLength(4);
    expect(r.series?.twice).toEqual(r.series!.turnaround.map((x) => 2 * x));
    expect(r.series!.turnaround.every((x) => x > 0)).toBe(true);
  });

  test('lines alone, as before, add no series field (the JSON report is unchanged)', () => {
    const r = runScenario(
      scenario((t) => [`${t.length} threads`]),
      { seed: 1 },
    );
    expect(r.summary).toEqual(['4 threads']);
    expect('series' in r).toBe(false);
  });

  test('a series that is not numbers is reported as a summary error naming it', () => {
    const r = runScenario(
      scenario(() => ({ series: { bad: [1, 'x'] } })),
      { seed: 1 },
    );
    expect(r.summary).toEqual([
      "summary() threw TypeError: summary(): series 'bad' must be an array of finite numbers",
    ]);
    expect('series' in r).toBe(false);
  });
});

describe('--report draws the series', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kernel-sim-series-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the HTML report holds one polyline per series, with its values', async () => {
    writeFileSync(
      join(dir, 'weights.ts'),
      `import { compute, defineScenario, type Op } from 'kernel-sim';
class Work {
  *run(ticks: number): Op<void> {
    yield* compute(ticks);
  }
}
export default defineScenario({
  name: 'weights',
  description: 'turnaround by weight',
  setup(sim) {
    const w = sim.objects.create(Work);
    const done: number[] = [];
    for (let i = 1; i <= 3; i++)
      sim.spawn('t' + i, function* () {
        yield* w.run(i);
        done[i - 1] = sim.now;
      });
    return done;
  },
  summary(_r, _sim, done) {
    return { lines: ['done at ' + done.join(', ')], series: { 'turnaround before': done, 'weight': [1, 2, 3] } };
  },
});
`,
    );
    const io = bufferIo({ cwd: dir });
    const code = await runCli(['scenario', 'weights.ts', '--seed', '1', '--report', 'r.html'], io);
    expect(io.stderr).toBe('');
    expect(code).toBe(0);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    const done = /done at ([\d, ]+)/.exec(io.stdout)![1].split(', ').join(' ');
    expect(html).toContain('<section id="series"');
    expect(html).toContain(`data-series="turnaround before" data-values="${done}"`);
    expect(html).toContain('data-series="weight" data-values="1 2 3"');
  }, 60_000);
});
