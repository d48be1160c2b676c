/**
 * endToEndBench: short-lived threads making generator calls through the
 * table on 2 simulated CPUs, events unobserved (issue 10).
 *
 *   calls/s                      goal >= 5 M calls/s
 *   vs the hand-written minimal simulator in this process (minimalSimulator:
 *   generator threads, a round-robin array, a counting call wrapper)
 *                                goal: time per call within 2.5x (CPU time
 *                                on both sides: a ratio of two wall times on
 *                                a shared machine is mostly noise)
 *   with the tracer attached     goal >= 1 M calls/s (plugins' TracerPlugin,
 *                                recording the run from the event stream; the
 *                                time to render its Chrome trace afterwards is
 *                                in the note, not in the figure)
 */
import { pick, type BenchScale } from './bench-scale.ts';
import { figure, type BenchFigure } from './bench-figure.ts';
import { runCallWorkload } from './call-workload.ts';
import { TracerPlugin } from '../plugins/index.ts';
import { measureRuns } from './measure-runs.ts';
import { runMinimalSimulator } from './minimal-simulator.ts';
import { makeWorkClass } from './work-class.ts';
import { elapsedMs, timed } from './wall-clock.ts';

const CALLS_PER_THREAD = 10;

export async function endToEndBench(scale: BenchScale): Promise<BenchFigure[]> {
  const group = 'end-to-end';
  const threads = pick(scale, 100_000, 50);
  const tracedThreads = pick(scale, 20_000, 20);
  const Work = makeWorkClass('EndToEnd');
  let renderMs = NaN;
  const runs = await measureRuns(
    [
      {
        name: 'kernel-sim',
        run: () =>
          runCallWorkload({ threads, callsPerThread: CALLS_PER_THREAD, cpus: 2, cls: Work }),
      },
      {
        name: 'minimal',
        run: () => {
          const target = new Work();
          let calls = 0;
          const t = timed(() => {
            calls = runMinimalSimulator({
              threads,
              callsPerThread: CALLS_PER_THREAD,
              cpus: 2,
              quantumTicks: 10,
              target,
            }).calls;
          });
          return { ms: t.wallMs, cpuMs: t.cpuMs, ops: calls };
        },
      },
      {
        name: 'traced',
        run: () => {
          const tracer = new TracerPlugin();
          const r = runCallWorkload({
            threads: tracedThreads,
            callsPerThread: CALLS_PER_THREAD,
            cpus: 2,
            cls: Work,
            observe: (sim) => tracer.attach(sim),
          });
          renderMs = elapsedMs(() => void tracer.text().length);
          const recorded = tracer.model().calls.id.length;
          if (recorded < r.ops)
            throw new Error(`endToEndBench: the tracer recorded ${recorded} calls of ${r.ops}`);
          return r;
        },
      },
    ],
    pick(scale, 2, 1),
  );
  const k = runs.get('kernel-sim')!;
  const m = runs.get('minimal')!;
  const t = runs.get('traced')!;
  const perSecond = (ns: number) => 1e3 / ns;
  const size = `${threads.toLocaleString('en-US')} threads x ${CALLS_PER_THREAD} calls, 2 CPUs`;
  return [
    figure({
      group,
      name: 'calls per second',
      value: perSecond(k.nsPerOp),
      unit: 'M calls/s',
      goal: { on: 'value', op: '>=', limit: 5 },
      note: `${size}, events unobserved; ${k.nsPerOp.toFixed(0)} ns/call; by this process's CPU time ${perSecond(k.cpuNsPerOp).toFixed(2)} M calls/s`,
    }),
    figure({
      group,
      name: 'time per call vs minimal simulator',
      value: k.cpuNsPerOp,
      unit: 'ns/call',
      baseline: { name: 'hand-written minimal simulator', value: m.cpuNsPerOp },
      goal: { on: 'ratio', op: '<=', limit: 2.5 },
      note: `CPU time per call, least of the runs; by wall time ${k.nsPerOp.toFixed(0)} vs ${m.nsPerOp.toFixed(0)} ns (${(k.nsPerOp / m.nsPerOp).toFixed(2)}x); minimal loop ${perSecond(m.nsPerOp).toFixed(2)} M calls/s`,
    }),
    figure({
      group,
      name: 'calls per second, traced',
      value: perSecond(t.nsPerOp),
      unit: 'M calls/s',
      goal: { on: 'value', op: '>=', limit: 1 },
      note: `${tracedThreads.toLocaleString('en-US')} threads, TracerPlugin attached (every event built and folded into its timeline); rendering the Chrome trace afterwards took ${renderMs.toFixed(0)} ms; by CPU time ${perSecond(t.cpuNsPerOp).toFixed(2)} M calls/s`,
    }),
  ];
}
