/**
 * tableBench: the cost of a plain-method call through the translation table
 * against a direct call on the same object (issue 3).
 *
 *   real body   ref.lookup(i) vs obj.lookup(i)              goal <= 1.3x
 *   trivial     ref.get() vs obj.get() (inlinable)          goal <= 2x
 *   8 classes   eight implementation classes alive, each
 *               called through its own refs from its own
 *               call site, vs the same direct calls          goal <= 2x
 *   shared site (info) one caller site over the 8 classes,
 *               through refs, vs monomorphic direct calls: what megamorphism costs
 *   build       10^6 table entries created                   goal < 0.5 s
 *
 * Every loop is compiled on its own (callLoop), so each has its own feedback.
 */
import { pick, timing, type BenchScale } from './bench-scale.ts';
import { figure, type BenchFigure } from './bench-figure.ts';
import { benchSimulation } from './bench-simulation.ts';
import { callLoop, callLoopOver } from './call-loop.ts';
import { measureBatches } from './measure-batches.ts';
import { measureRuns } from './measure-runs.ts';
import { makeWorkClass, makeWorkClasses } from './work-class.ts';
import { timed } from './wall-clock.ts';

const CLASSES = 8;

class Tiny {
  n = 0;
  get(): number {
    return this.n;
  }
}

async function singleClass(scale: BenchScale, group: string): Promise<BenchFigure[]> {
  const n = pick(scale, 100_000, 100);
  const sim = benchSimulation();
  const Work = makeWorkClass('TableWork');
  const ref = sim.objects.create(Work);
  const obj = sim.objects.peek(ref);
  const loops = {
    dr: callLoop('lookup', true),
    tr: callLoop('lookup', true),
    dt: callLoop('get', false),
    tt: callLoop('get', false),
  };
  const ns = await measureBatches(
    [
      { name: 'direct real', ops: n, fn: () => loops.dr(obj, n) },
      { name: 'table real', ops: n, fn: () => loops.tr(ref, n) },
      { name: 'direct trivial', ops: n * 10, fn: () => loops.dt(obj, n * 10) },
      { name: 'table trivial', ops: n * 10, fn: () => loops.tt(ref, n * 10) },
    ],
    timing(scale),
  );
  return [
    figure({
      group,
      name: 'call, real body',
      value: ns.get('table real')!,
      unit: 'ns/call',
      baseline: { name: 'direct call', value: ns.get('direct real')! },
      goal: { on: 'ratio', op: '<=', limit: 1.3 },
      note: 'ref.lookup(i): an 8-probe hash and a field update',
    }),
    figure({
      group,
      name: 'call, trivial body',
      value: ns.get('table trivial')!,
      unit: 'ns/call',
      baseline: { name: 'direct call (inlined)', value: ns.get('direct trivial')! },
      goal: { on: 'ratio', op: '<=', limit: 2 },
      note: 'ref.get(): returns a field',
    }),
  ];
}

async function eightClasses(scale: BenchScale, group: string): Promise<BenchFigure[]> {
  const n = pick(scale, 20_000, 16);
  const sim = benchSimulation();
  const classes = makeWorkClasses('Impl', CLASSES);
  const refs = classes.map((C) => sim.objects.create(C));
  const objs = refs.map((r) => sim.objects.peek(r));
  const direct = classes.map(() => callLoop('lookup', true));
  const table = classes.map(() => callLoop('lookup', true));
  const sharedDirect = callLoopOver('lookup', true);
  const sharedTable = callLoopOver('lookup', true);
  const all = (loops: typeof direct, targets: readonly object[]) => () => {
    let s = 0;
    for (let c = 0; c < CLASSES; c++) s ^= loops[c](targets[c], n);
    return s;
  };
  const ns = await measureBatches(
    [
      { name: 'direct', ops: n * CLASSES, fn: all(direct, objs) },
      { name: 'table', ops: n * CLASSES, fn: all(table, refs) },
      { name: 'shared direct', ops: n * CLASSES, fn: () => sharedDirect(objs, n * CLASSES) },
      { name: 'shared table', ops: n * CLASSES, fn: () => sharedTable(refs, n * CLASSES) },
    ],
    timing(scale),
  );
  return [
    figure({
      group,
      name: `call, ${CLASSES} classes alive`,
      value: ns.get('table')!,
      unit: 'ns/call',
      baseline: { name: 'direct calls, same sites', value: ns.get('direct')! },
      goal: { on: 'ratio', op: '<=', limit: 2 },
      note: `${CLASSES} classes, each called through its own ref from its own call site`,
    }),
    figure({
      group,
      name: `call, ${CLASSES} classes, one shared caller site`,
      value: ns.get('shared table')!,
      unit: 'ns/call',
      baseline: { name: 'direct calls, per-class sites', value: ns.get('direct')! },
      note: `megamorphic caller site; the same site direct: ${ns.get('shared direct')!.toFixed(1)} ns/call`,
    }),
  ];
}

async function build(scale: BenchScale, group: string): Promise<BenchFigure[]> {
  const count = pick(scale, 1_000_000, 100);
  const runs = await measureRuns(
    [
      {
        name: 'build',
        run: () => {
          const sim = benchSimulation();
          sim.objects.create(Tiny);
          const t = timed(() => {
            for (let i = 0; i < count; i++) sim.objects.create(Tiny);
          });
          return { ms: t.wallMs, cpuMs: t.cpuMs, ops: count };
        },
      },
    ],
    pick(scale, 2, 1),
  );
  const r = runs.get('build')!;
  return [
    figure({
      group,
      name: `build ${count.toLocaleString('en-US')} table entries`,
      value: r.ms / 1000,
      unit: 's',
      goal: { on: 'value', op: '<', limit: 0.5 },
      note: `objects.create of a one-field class; ${r.nsPerOp.toFixed(0)} ns per entry; by CPU time ${((r.cpuNsPerOp * count) / 1e9).toFixed(2)} s`,
    }),
  ];
}

export async function tableBench(scale: BenchScale): Promise<BenchFigure[]> {
  const group = 'table';
  return [
    ...(await singleClass(scale, group)),
    ...(await eightClasses(scale, group)),
    ...(await build(scale, group)),
  ];
}
