/**
 * headlineBench: the speed of the run users actually get (issue 18). The
 * peer workload (peer-workload.ts: threads arrive one per tick, 10 calls
 * each over 64 objects, 1 tick of compute per call, 2 CPUs) built with
 * `createSimulation` defaults, so the event hash is on, against the same
 * workload with the hash off and against a hand-written minimal simulator
 * of the same cost model (peer-minimal.ts) whose tick count must equal
 * kernel-sim's (asserted: both simulate the same machine doing the same work).
 *
 * The three runs are taken in interleaved rounds; each figure is the median
 * over the rounds of this process's CPU time per call (measureRounds), with
 * the wall time and the spread in the note.
 *
 *   peer workload, default options   calls per CPU s; ratio to the minimal
 *                                    simulator, goal >= 0.5
 *   peer workload, event hash off    the same with hashEvents: false (info)
 *   event hash on vs off             CPU ns per call, on / off, goal <= 1.3
 *   a function* closure per thread   both simulators with the other body
 *                                    shape (peer-workload.ts), for the ratio
 *                                    a first sketch's body gives (info)
 *
 * The first three run the body as one generator function declared once,
 * in kernel-sim and in the minimal simulator alike.
 */
import { pick, type BenchScale } from './bench-scale.ts';
import { figure, type BenchFigure } from './bench-figure.ts';
import { measureRounds, type RoundFigure, type RoundTask } from './measure-rounds.ts';
import { runPeerMinimal } from './peer-minimal.ts';
import { runPeerWorkload, type PeerBody, type PeerSpec } from './peer-workload.ts';
import { timed } from './wall-clock.ts';

const QUANTUM_TICKS = 10;

function rate(f: RoundFigure): number {
  return 1e3 / f.cpuNsPerOp;
}

function spread(f: RoundFigure): string {
  return `median of ${f.rounds} rounds, CPU ${f.cpuNsLeast.toFixed(0)}-${f.cpuNsMost.toFixed(0)} ns/call, wall ${f.wallNsPerOp.toFixed(0)} ns/call`;
}

export function headlineBench(scale: BenchScale): Promise<BenchFigure[]> {
  const group = 'headline';
  const threads = pick(scale, 100_000, 50);
  const ticks = new Map<string, number>();
  const kernelRun = (name: string, spec: Omit<PeerSpec, 'threads'>): RoundTask => ({
    name,
    run: () => {
      const r = runPeerWorkload({ threads, ...spec });
      ticks.set(name, r.ticks);
      return r;
    },
  });
  const minimalRun = (name: string, body: PeerBody): RoundTask => ({
    name,
    run: () => {
      let calls = 0;
      const t = timed(() => {
        const m = runPeerMinimal({ threads, quantumTicks: QUANTUM_TICKS, body });
        calls = m.calls;
        ticks.set(name, m.ticks);
      });
      return { ...t, ops: calls };
    },
  });
  const runs = measureRounds(
    [
      kernelRun('default', { hashEvents: true }),
      kernelRun('hash off', { hashEvents: false }),
      minimalRun('minimal', 'function'),
      kernelRun('default, closure', { hashEvents: true, body: 'closure' }),
      minimalRun('minimal, closure', 'closure'),
    ],
    pick(scale, 3, 1),
  );
  const tk = ticks.get('default');
  if ([...ticks.values()].some((t) => t !== tk))
    throw new Error(
      `headlineBench: tick counts differ: ${[...ticks].map(([k, v]) => `${k} ${v}`).join(', ')}`,
    );
  const on = runs.get('default')!;
  const off = runs.get('hash off')!;
  const min = runs.get('minimal')!;
  const onClosure = runs.get('default, closure')!;
  const minClosure = runs.get('minimal, closure')!;
  const size = `${threads.toLocaleString('en-US')} threads arriving one per tick x 10 calls over 64 objects, 1 tick of compute per call, 2 CPUs, ${tk} ticks in all five runs; the body one generator function declared once, in both simulators`;
  const baseline = { name: 'hand-written minimal simulator', value: rate(min) };
  return Promise.resolve([
    figure({
      group,
      name: 'peer workload, default options',
      value: rate(on),
      unit: 'M calls/CPU s',
      baseline,
      goal: { on: 'ratio', op: '>=', limit: 0.5 },
      note: `${size}; createSimulation({ seed: 1, cpus: 2 }), the event hash on; ${spread(on)}; minimal simulator: ${spread(min)}`,
    }),
    figure({
      group,
      name: 'peer workload, event hash off',
      value: rate(off),
      unit: 'M calls/CPU s',
      baseline,
      note: `the same with hashEvents: false; ${spread(off)}`,
    }),
    figure({
      group,
      name: 'event hash on vs off',
      value: on.cpuNsPerOp,
      unit: 'ns/call',
      baseline: { name: 'event hash off', value: off.cpuNsPerOp },
      goal: { on: 'ratio', op: '<=', limit: 1.3 },
      note: 'CPU time per call of the two runs above',
    }),
    figure({
      group,
      name: 'peer workload, a function* closure per thread',
      value: rate(onClosure),
      unit: 'M calls/CPU s',
      baseline: { name: 'minimal simulator, the same closure body', value: rate(minClosure) },
      note: `default options; each thread's body a generator function literal, in both simulators (V8 makes a prototype and hidden classes per closure); ${spread(onClosure)}; minimal simulator: ${spread(minClosure)}`,
    }),
  ]);
}
