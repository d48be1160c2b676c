/**
 * Smoke tests of the benchmark suite (src/bench): every benchmark group runs
 * at tiny sizes and returns finite figures, so none rots between `npm run
 * bench` runs. No timing is asserted (this machine is shared and timings are
 * the suite's business); the helpers the figures rest on are checked exactly.
 */
import { describe, expect, test } from 'vitest';
import {
  BENCH_GROUPS,
  BenchArgsError,
  NOTES_BEGIN,
  NOTES_END,
  carriedNotes,
  figure,
  logLogSlope,
  measureRounds,
  median,
  parseBenchArgs,
  renderBenchmarksDoc,
  runMinimalSimulator,
  runCallWorkload,
  runPeerMinimal,
  runPeerWorkload,
  runSuite,
  summaryTable,
  type BenchFigure,
} from '../../src/bench/index.ts';
import { makeWorkClass } from '../../src/bench/work-class.ts';

function expectFinite(f: BenchFigure): void {
  expect(Number.isFinite(f.value), `${f.group}: ${f.name} = ${f.value}`).toBe(true);
  if (f.baseline !== null) {
    expect(Number.isFinite(f.baseline.value), `${f.group}: ${f.name} baseline`).toBe(true);
    expect(Number.isFinite(f.ratio ?? NaN), `${f.group}: ${f.name} ratio`).toBe(true);
  }
  if (f.goal !== null) expect(typeof f.met).toBe('boolean');
}

describe('every benchmark group runs at smoke size', () => {
  for (const g of BENCH_GROUPS) {
    test(g.name, async () => {
      const figures = await g.run('smoke');
      expect(figures.length).toBeGreaterThan(0);
      for (const f of figures) {
        expect(f.group).toBe(g.name);
        expectFinite(f);
      }
    });
  }
});

describe('figures and goals', () => {
  test('ratio is value over baseline, and the goal decides met', () => {
    const f = figure({
      group: 'g',
      name: 'x',
      value: 3,
      unit: 'ns',
      baseline: { name: 'b', value: 2 },
      goal: { on: 'ratio', op: '<=', limit: 1.3 },
    });
    expect(f.ratio).toBe(1.5);
    expect(f.met).toBe(false);
    expect(
      figure({
        group: 'g',
        name: 'y',
        value: 6,
        unit: 'M/s',
        goal: { on: 'value', op: '>=', limit: 5 },
      }).met,
    ).toBe(true);
    expect(
      figure({
        group: 'g',
        name: 'z',
        value: 0.5,
        unit: 's',
        goal: { on: 'value', op: '<', limit: 0.5 },
      }).met,
    ).toBe(false);
    expect(figure({ group: 'g', name: 'i', value: 1, unit: '' }).met).toBeNull();
  });

  test('a non-finite value never meets a goal', () => {
    expect(
      figure({
        group: 'g',
        name: 'n',
        value: NaN,
        unit: '',
        goal: { on: 'value', op: '<=', limit: 1 },
      }).met,
    ).toBe(false);
  });

  test('log-log slope: 1 for linear, 2 for quadratic, 0 for flat', () => {
    const xs = [10, 100, 1000, 10000];
    expect(logLogSlope(xs.map((x) => ({ x, y: 3 * x })))).toBeCloseTo(1, 10);
    expect(logLogSlope(xs.map((x) => ({ x, y: x * x })))).toBeCloseTo(2, 10);
    expect(logLogSlope(xs.map((x) => ({ x, y: 7 })))).toBeCloseTo(0, 10);
  });
});

describe('the minimal simulator baseline', () => {
  test('makes every call exactly once and steps each thread to its end', () => {
    const Work = makeWorkClass('MinimalProbe');
    const target = new Work();
    const r = runMinimalSimulator({
      threads: 37,
      callsPerThread: 10,
      cpus: 3,
      quantumTicks: 4,
      target,
    });
    expect(r.calls).toBe(370);
    expect(target.n).toBe(37 * 45);
    // each call: 2 boundary yields + the step that resumes after the last one is shared with the next call
    expect(r.steps).toBe(37 * (10 * 2 + 1));
  });
});

describe('the minimal simulators simulate the same machine as kernel-sim', () => {
  test('peer workload: the same tick count for every size, hash on or off, either body shape', () => {
    for (const threads of [1, 2, 3, 7, 64, 200]) {
      const m = runPeerMinimal({ threads, quantumTicks: 10 });
      expect(m.calls).toBe(threads * 10);
      expect(runPeerWorkload({ threads, hashEvents: false }).ticks, `${threads}`).toBe(m.ticks);
      expect(runPeerWorkload({ threads, hashEvents: true }).ticks, `${threads}`).toBe(m.ticks);
      const c = runPeerMinimal({ threads, quantumTicks: 10, body: 'closure' });
      expect([c.calls, c.steps, c.ticks]).toEqual([m.calls, m.steps, m.ticks]);
      const k = runPeerWorkload({ threads, hashEvents: true, body: 'closure' });
      expect(k.ticks, `${threads} closure`).toBe(m.ticks);
    }
  });

  test('peer workload: the body shape changes no event of the run', () => {
    const hashOf = (body: 'function' | 'closure') => {
      const r = runPeerWorkload({ threads: 50, hashEvents: true, body });
      return r.eventsHash;
    };
    expect(hashOf('closure')).toBe(hashOf('function'));
  });

  test('the peer tick count follows the cost model: 31 ticks a thread on 2 CPUs', () => {
    // 3 threads arriving one per tick leave one CPU idle at times; 40 keep both busy
    const a = runPeerMinimal({ threads: 3, quantumTicks: 10 });
    const b = runPeerMinimal({ threads: 40, quantumTicks: 10 });
    expect(a.ticks).toBe(50);
    expect(b.ticks).toBe((40 * 31) / 2);
  });

  test('end-to-end workload: the same tick count', () => {
    const Work = makeWorkClass('TickProbe');
    for (const threads of [1, 3, 50]) {
      const k = runCallWorkload({ threads, callsPerThread: 10, cpus: 2, cls: Work });
      const m = runMinimalSimulator({
        threads,
        callsPerThread: 10,
        cpus: 2,
        quantumTicks: 10,
        target: new Work(),
      });
      expect(k.ticks, `${threads}`).toBe(m.ticks);
    }
  });
});

describe('interleaved rounds with medians', () => {
  test('median of odd and even samples', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
  });

  test('tasks take turns, each round starting one later, and the figure is the median', () => {
    const order: string[] = [];
    const cpu: Record<string, number[]> = { a: [0, 9, 1, 5], b: [0, 2, 100, 3] };
    const task = (name: string) => ({
      name,
      run: () => {
        order.push(name);
        const x = cpu[name].shift()!;
        return { wallMs: 2 * x, cpuMs: x, ops: 1e6 };
      },
    });
    const r = measureRounds([task('a'), task('b')], 3);
    expect(order.join('')).toBe('ab' + 'ab' + 'ba' + 'ab');
    expect(r.get('a')!.cpuNsPerOp).toBe(5);
    expect(r.get('b')!.cpuNsPerOp).toBe(3);
    expect(r.get('a')!.wallNsPerOp).toBe(10);
    expect(r.get('b')!.cpuNsLeast).toBe(2);
    expect(r.get('b')!.cpuNsMost).toBe(100);
    expect(() => measureRounds([task('a')], 0)).toThrow(/rounds must be an integer >= 1/);
  });
});

describe('the command line', () => {
  test('accepts --only, --write and --smoke', () => {
    expect(parseBenchArgs([])).toEqual({ write: false, smoke: false, only: undefined });
    expect(parseBenchArgs(['--only', 'table'])).toEqual({
      write: false,
      smoke: false,
      only: 'table',
    });
    expect(parseBenchArgs(['--only=kernel', '--smoke']).only).toBe('kernel');
    expect(parseBenchArgs(['--write']).write).toBe(true);
  });

  test('names bad arguments and lists the groups', () => {
    expect(() => parseBenchArgs(['--only', 'nope'])).toThrow(
      /no benchmark group 'nope'[\s\S]*groups: headline, kernel, table/,
    );
    expect(() => parseBenchArgs(['--fast'])).toThrow(BenchArgsError);
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown argument '--fast'/);
    expect(() => parseBenchArgs(['table'])).toThrow(/unknown argument 'table'/);
    expect(() => parseBenchArgs(['--only'])).toThrow(/needs a group name/);
    expect(() => parseBenchArgs(['--write', '--only', 'table'])).toThrow(/whole suite/);
  });
});

describe('docs/BENCHMARKS.md', () => {
  test('renders the summary and carries the hand-written notes over', async () => {
    const result = await runSuite({ scale: 'smoke', only: 'quiescence' });
    const machine = {
      cpu: 'Test CPU',
      cores: 2,
      os: 'Linux',
      node: 'v20',
      date: '2026-01-01',
      load: 0.5,
    };
    const previous = `# old\n${NOTES_BEGIN}\nThe profile says: most time in callPlain.\n${NOTES_END}\n`;
    const doc = renderBenchmarksDoc({
      result,
      machine,
      command: 'npm run bench -- --write',
      previous,
    });
    expect(carriedNotes(previous)).toBe('The profile says: most time in callPlain.');
    expect(doc).toContain('Test CPU, 2 cores');
    expect(doc).toContain('`npm run bench -- --write`');
    expect(doc).toContain('| quiescence | counting per thread, in situ |');
    expect(doc).toContain('The profile says: most time in callPlain.');
    expect(doc.indexOf(NOTES_BEGIN)).toBeLessThan(doc.indexOf(NOTES_END));
    expect(summaryTable(result.figures)).toMatch(/^group\s+figure\s+value/);
  });
});
