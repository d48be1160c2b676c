/**
 * hotswapBench: what a swap costs (issue 6).
 *
 *   null swap      an idle object swapped to a new instance of its own class,
 *                  one swap after another: wall time per swap (goal < 0.25 ms)
 *                  and simulated ticks from request to complete
 *   new class      the same, each swap to a class never seen before (info:
 *                  includes the V8 cost of a new class on the call paths)
 *   during forward / during block
 *                  a plain call while a swap is in that phase (it goes through
 *                  the hot-swap mediator), as a ratio to a direct call
 *   after 100 swaps
 *                  steady-state plain call once the object has been swapped to
 *                  100 different classes, as a ratio to a direct call on the
 *                  final implementation; and (info) through a ref made after
 *                  the swaps, whose generated site has seen one class only
 *
 * The phases are held open by pausing the kernel (`kernel.run(tick)`) while
 * a thread alive at the request keeps forward open, and a call in flight
 * keeps block open (oracle detector, so the phase ends exactly when expected).
 */
import type { Swap } from '../hotswap/index.ts';
import type { Simulation } from '../simulation/index.ts';
import type { ObjectRef } from '../translation-table/index.ts';
import { compute } from '../kernel/index.ts';
import { pick, timing, type BenchScale } from './bench-scale.ts';
import { figure, type BenchFigure } from './bench-figure.ts';
import { benchSimulation, runToEnd } from './bench-simulation.ts';
import { callLoop } from './call-loop.ts';
import { measureBatches } from './measure-batches.ts';
import { measureRuns } from './measure-runs.ts';
import { makeWorkClass, makeWorkClasses, type WorkClass, type WorkObject } from './work-class.ts';
import { timed } from './wall-clock.ts';

interface ChainResult {
  readonly msPerSwap: number;
  readonly cpuMsPerSwap: number;
  readonly ticksToComplete: number;
  readonly swaps: readonly Swap[];
}

/** `count` swaps of one idle object, each requested one tick after the previous completed. */
function swapChain(
  count: number,
  classes: (i: number) => WorkClass,
  first: WorkClass,
): ChainResult {
  const sim = benchSimulation({ cpus: 2 });
  const ref = sim.objects.create(first);
  const swaps: Swap[] = [];
  const request = (i: number): void => {
    const after = i + 1 < count ? () => void sim.at(sim.now + 1, () => request(i + 1)) : undefined;
    swaps.push(sim.hotswap(ref, classes(i), { after }));
  };
  sim.at(0, () => request(0));
  const t = timed(() => runToEnd(sim));
  const bad = swaps.find((s) => s.outcome !== 'completed');
  if (bad !== undefined || swaps.length !== count)
    throw new Error(`hotswapBench: swap ${bad?.id} ${bad?.outcome}: ${bad?.reason}`);
  const ticks =
    swaps.reduce((sum, s) => sum + (s.phaseStart.complete! - s.phaseStart.negotiate!), 0) / count;
  return {
    msPerSwap: t.wallMs / count,
    cpuMsPerSwap: t.cpuMs / count,
    ticksToComplete: ticks,
    swaps,
  };
}

async function nullSwaps(scale: BenchScale, group: string): Promise<BenchFigure[]> {
  const count = pick(scale, 500, 3);
  const Work = makeWorkClass('NullSwapped');
  let ticks = NaN;
  const runs = await measureRuns(
    [
      {
        name: 'same class',
        run: () => {
          const r = swapChain(count, () => Work, Work);
          ticks = r.ticksToComplete;
          return { ms: r.msPerSwap * count, cpuMs: r.cpuMsPerSwap * count, ops: count };
        },
      },
      {
        name: 'new class',
        run: () => {
          const fresh = makeWorkClasses('Fresh', count);
          const r = swapChain(count, (i) => fresh[i], Work);
          return { ms: r.msPerSwap * count, cpuMs: r.cpuMsPerSwap * count, ops: count };
        },
      },
    ],
    pick(scale, 5, 1),
  );
  const same = runs.get('same class')!;
  const renewed = runs.get('new class')!;
  const ms = (ns: number) => ns / 1e6;
  return [
    figure({
      group,
      name: 'null swap of an idle object',
      value: ms(same.nsPerOp),
      unit: 'ms/swap',
      goal: { on: 'value', op: '<', limit: 0.25 },
      note: `${count} swaps in a row, same class (wall time; by CPU time ${ms(same.cpuNsPerOp).toFixed(3)} ms/swap)`,
    }),
    figure({
      group,
      name: 'swap of an idle object to a new class',
      value: ms(renewed.nsPerOp),
      unit: 'ms/swap',
      note: `${count} swaps, each to a class never seen before (by CPU time ${ms(renewed.cpuNsPerOp).toFixed(3)} ms/swap)`,
    }),
    figure({
      group,
      name: 'null swap: ticks request to complete',
      value: ticks,
      unit: 'ticks',
      note: 'simulated time: negotiate + forward (k42 quiescence, poll 5) + block + transfer',
    }),
  ];
}

interface PhaseProbe {
  readonly sim: Simulation;
  readonly ref: ObjectRef<WorkObject>;
  readonly swap: () => Swap;
}

/** A swap held in forward by a thread alive at the request, then in block by a call in flight. */
function phaseProbe(): PhaseProbe {
  const sim = benchSimulation({ cpus: 2, detector: 'oracle' });
  const Old = makeWorkClass('PhaseOld');
  const New = makeWorkClass('PhaseNew');
  const ref = sim.objects.create(Old);
  let swap: Swap | null = null;
  sim.spawn('holder', function* () {
    yield* compute(1000);
  });
  sim.at(5, () => {
    swap = sim.hotswap(ref, New);
  });
  sim.at(10, () => {
    sim.spawn('inside', function* () {
      yield* ref.hold(3000);
    });
  });
  return { sim, ref, swap: () => swap! };
}

async function phaseCalls(scale: BenchScale, group: string): Promise<BenchFigure[]> {
  const n = pick(scale, 50_000, 50);
  const p = phaseProbe();
  const direct = callLoop('lookup', true);
  const forward = callLoop('lookup', true);
  const block = callLoop('lookup', true);
  const obj = p.sim.objects.peek(p.ref);
  p.sim.kernel.run(100);
  if (p.swap().phase !== 'forward')
    throw new Error(`hotswapBench: expected forward at tick 100, got ${p.swap().phase}`);
  const f = await measureBatches(
    [
      { name: 'direct', ops: n, fn: () => direct(obj, n) },
      { name: 'forward', ops: n, fn: () => forward(p.ref, n) },
    ],
    timing(scale),
  );
  p.sim.kernel.run(2000);
  if (p.swap().phase !== 'block')
    throw new Error(`hotswapBench: expected block at tick 2000, got ${p.swap().phase}`);
  const b = await measureBatches(
    [
      { name: 'direct', ops: n, fn: () => direct(obj, n) },
      { name: 'block', ops: n, fn: () => block(p.ref, n) },
    ],
    timing(scale),
  );
  p.sim.kernel.run(Number.MAX_SAFE_INTEGER);
  if (p.swap().outcome !== 'completed')
    throw new Error(`hotswapBench: phase probe swap ${p.swap().outcome}: ${p.swap().reason}`);
  return [
    figure({
      group,
      name: 'plain call during forward',
      value: f.get('forward')!,
      unit: 'ns/call',
      baseline: { name: 'direct call', value: f.get('direct')! },
      note: 'through the hot-swap mediator, forwarded to the old object',
    }),
    figure({
      group,
      name: 'plain call during block',
      value: b.get('block')!,
      unit: 'ns/call',
      baseline: { name: 'direct call', value: b.get('direct')! },
      note: 'plain calls are never held; forwarded while a generator call drains',
    }),
  ];
}

async function afterSwaps(scale: BenchScale, group: string): Promise<BenchFigure[]> {
  const count = pick(scale, 100, 3);
  const n = pick(scale, 50_000, 50);
  const classes = makeWorkClasses('Gen', count + 1);
  const sim = benchSimulation({ cpus: 2 });
  const ref = sim.objects.create(classes[0]);
  const warm = callLoop('lookup', true);
  let i = 0;
  const next = (): void => {
    i++;
    warm(ref, 100);
    if (i <= count) sim.hotswap(ref, classes[i], { after: () => void sim.at(sim.now + 1, next) });
  };
  sim.at(0, next);
  runToEnd(sim);
  const last = sim.objects.info(ref);
  if (last.class !== classes[count].name)
    throw new Error(`hotswapBench: after ${count} swaps the object is ${last.class}`);
  const obj = sim.objects.peek(ref);
  const fresh = sim.table.refFor<WorkObject>(sim.objects.entry(ref), classes[count]);
  const loops = {
    d: callLoop('lookup', true),
    old: callLoop('lookup', true),
    fresh: callLoop('lookup', true),
  };
  const ns = await measureBatches(
    [
      { name: 'direct', ops: n, fn: () => loops.d(obj, n) },
      { name: 'old ref', ops: n, fn: () => loops.old(ref, n) },
      { name: 'fresh ref', ops: n, fn: () => loops.fresh(fresh, n) },
    ],
    timing(scale),
  );
  const base = { name: 'direct call', value: ns.get('direct')! };
  return [
    figure({
      group,
      name: `plain call after ${count} swaps`,
      value: ns.get('old ref')!,
      unit: 'ns/call',
      baseline: base,
      note: `the ref held since creation; its generated site has seen ${count + 1} classes`,
    }),
    figure({
      group,
      name: `plain call after ${count} swaps, new ref`,
      value: ns.get('fresh ref')!,
      unit: 'ns/call',
      baseline: base,
      note: 'a ref of the final class made after the swaps (table.refFor)',
    }),
  ];
}

export async function hotswapBench(scale: BenchScale): Promise<BenchFigure[]> {
  const group = 'hotswap';
  return [
    ...(await nullSwaps(scale, group)),
    ...(await phaseCalls(scale, group)),
    ...(await afterSwaps(scale, group)),
  ];
}
