/**
 * Per-CPU mediation on the timeline: the recorder keeps each CPU's
 * `swap.cpu-phase` changes on its swap (SwapInfo.cpuPhases), the HTML
 * report lists them under the swap's phases, and the Chrome trace marks
 * them on the swap's track. Under global mediation there are none.
 */
import { describe, expect, test } from 'vitest';
import type { Stamped } from 'kernel-sim';
import { renderHtmlReport, toChromeTrace } from '../../src/report/index.ts';
import type { SimulationEvent } from '../../src/simulation/index.ts';
import { recordSwapRun } from './swap-fixture.ts';

type CpuPhase = Extract<Stamped<SimulationEvent>, { type: 'swap.cpu-phase' }>;

function perCpuRun(seed: number) {
  const seen: CpuPhase[] = [];
  const run = recordSwapRun({
    seed,
    cpus: 4,
    mediation: 'per-cpu',
    observe: (sim) =>
      sim.events$.subscribe((e) => {
        if (e.type === 'swap.cpu-phase') seen.push(e);
      }),
  });
  return { run, seen };
}

describe('per-CPU mediation in the report', () => {
  test.each([3, 4, 5])('seed %i: every swap.cpu-phase event is on the swap, in order', (seed) => {
    const { run, seen } = perCpuRun(seed);
    expect(run.swap.outcome).toBe('completed');
    expect(seen.length).toBeGreaterThanOrEqual(4); // each of 4 CPUs enters block at least
    const swap = run.model.swaps[0];
    expect(swap.cpuPhases).toEqual(
      seen.map((e) => ({ tick: e.tick, cpu: e.cpu, phase: e.phase, noRep: e.noRep === true })),
    );
    expect(new Set(swap.cpuPhases.filter((m) => m.phase === 'block').map((m) => m.cpu))).toEqual(
      new Set([0, 1, 2, 3]),
    );
  });

  test('the HTML lists each CPU under the swap; the trace marks each change', () => {
    const { run, seen } = perCpuRun(3);
    const html = renderHtmlReport(run.model, { outcome: 'passed' });
    const list = /<ul class="cpu-phases" data-swap="1"[^>]*>(.*?)<\/ul>/.exec(html);
    expect(list).not.toBeNull();
    for (let cpu = 0; cpu < 4; cpu++) {
      const block = seen.find((e) => e.cpu === cpu && e.phase === 'block')!;
      expect(list![1]).toContain(`<li data-cpu="${cpu}" data-block="${block.tick}">CPU ${cpu}: `);
      expect(list![1]).toContain(
        `block at ${block.tick}${block.noRep === true ? ' (no rep)' : ''}`,
      );
    }
    const marks = toChromeTrace(run.model).traceEvents.filter(
      (e) => e.ph === 'i' && / cpu \d+ (forward|block)$/.test(e.name),
    );
    expect(marks.map((e) => [e.name, e.ts]).sort()).toEqual(
      seen.map((e) => [`swap 1 cpu ${e.cpu} ${e.phase}`, e.tick]).sort(),
    );
  });

  test('global mediation: no per-CPU marks anywhere', () => {
    const run = recordSwapRun({ seed: 3, cpus: 4 });
    expect(run.model.swaps[0].cpuPhases).toEqual([]);
    expect(renderHtmlReport(run.model, { outcome: 'passed' })).not.toContain('class="cpu-phases"');
    expect(toChromeTrace(run.model).traceEvents.some((e) => / cpu \d+ block$/.test(e.name))).toBe(
      false,
    );
  });
});
