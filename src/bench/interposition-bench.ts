/**
 * interpositionBench: a plain call through mediators against a direct call
 * on the same object (issue 4). The method has a real body (WorkClass.lookup).
 *
 *   one counting mediator                    goal <= 1.5x
 *   a chain of three different mediators     goal <= 2.5x
 *   the plugins' CallCounter (info: per-method counts, a Map lookup per call)
 */
import { CallCounter } from '../plugins/index.ts';
import { pick, timing, type BenchScale } from './bench-scale.ts';
import { figure, type BenchFigure } from './bench-figure.ts';
import { benchSimulation } from './bench-simulation.ts';
import { callLoop } from './call-loop.ts';
import { CountingMediator, TallyMediator, TouchMediator } from './counting-mediator.ts';
import { measureBatches } from './measure-batches.ts';
import { makeWorkClass } from './work-class.ts';

export async function interpositionBench(scale: BenchScale): Promise<BenchFigure[]> {
  const group = 'interposition';
  const n = pick(scale, 50_000, 100);
  const sim = benchSimulation();
  const Work = makeWorkClass('MediatedWork');
  const one = sim.objects.create(Work);
  const three = sim.objects.create(Work);
  const plugin = sim.objects.create(Work);
  const obj = sim.objects.peek(one);
  const counter = new CountingMediator();
  sim.interpose(one, counter);
  sim.interpose(three, new TouchMediator());
  sim.interpose(three, new TallyMediator());
  sim.interpose(three, new CountingMediator());
  sim.interpose(plugin, new CallCounter());
  const loops = {
    d: callLoop('lookup', true),
    one: callLoop('lookup', true),
    three: callLoop('lookup', true),
    plugin: callLoop('lookup', true),
  };
  const ns = await measureBatches(
    [
      { name: 'direct', ops: n, fn: () => loops.d(obj, n) },
      { name: 'one', ops: n, fn: () => loops.one(one, n) },
      { name: 'three', ops: n, fn: () => loops.three(three, n) },
      { name: 'plugin', ops: n, fn: () => loops.plugin(plugin, n) },
    ],
    timing(scale),
  );
  if (counter.calls === 0) throw new Error('interpositionBench: the counting mediator saw no call');
  const base = { name: 'direct call', value: ns.get('direct')! };
  return [
    figure({
      group,
      name: 'call through 1 counting mediator',
      value: ns.get('one')!,
      unit: 'ns/call',
      baseline: base,
      goal: { on: 'ratio', op: '<=', limit: 1.5 },
      note: 'plain method with a real body',
    }),
    figure({
      group,
      name: 'call through 3 different mediators',
      value: ns.get('three')!,
      unit: 'ns/call',
      baseline: base,
      goal: { on: 'ratio', op: '<=', limit: 2.5 },
      note: 'counting, tally, touch',
    }),
    figure({
      group,
      name: "call through the plugins' CallCounter",
      value: ns.get('plugin')!,
      unit: 'ns/call',
      baseline: base,
      note: 'counts per method (a Map lookup per call)',
    }),
  ];
}
