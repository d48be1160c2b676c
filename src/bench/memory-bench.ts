/**
 * memoryBench: heap bytes per table entry and per live thread, measured with
 * process.memoryUsage() after full collections (issue 10).
 *
 *   table entry   10^6 objects of a one-field class created through the table;
 *                 heap growth per object minus the bytes of the bare
 *                 implementation instance (measured the same way, held in an
 *                 array): the table's own cost (entry, ref, name, args,
 *                 factory set, slots). Goal < 100 B.
 *   live thread   10^5 threads spawned and each asleep inside the run (so each
 *                 is counted by quiescence, has a timer queued and a started
 *                 generator); heap growth per thread. Goal < 400 B. Also
 *                 (info) the kernel's share: minus the same bodies started
 *                 and held in an array with no kernel.
 *   capacity      issue 18: 10^7 objects, and 4 x 10^6 short threads all
 *                 alive at once (default configuration), each in a child
 *                 process with Node's default heap (capacity-run.ts; at
 *                 smoke size in this process); the
 *                 figure is the heap in use with everything alive, the goal
 *                 that the run completes under the heap limit (a child that
 *                 runs out of heap gives NaN, which misses).
 */
import { spawnSync } from 'node:child_process';
import { getHeapStatistics } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { sleep, type Op } from '../kernel/index.ts';
import { pick, type BenchScale } from './bench-scale.ts';
import { figure, type BenchFigure } from './bench-figure.ts';
import { benchSimulation, runToEnd } from './bench-simulation.ts';
import { bytesPer, heapUsedAfterGc } from './heap-probe.ts';
import { runCapacity, type CapacityKind, type CapacityRun } from './capacity-run.ts';

class Tiny {
  n = 0;
  get(): number {
    return this.n;
  }
}

function entryBytes(count: number): { perEntry: number; perObject: number; perInstance: number } {
  const bareCount = Math.min(count, 100_000);
  const bare = bytesPer(bareCount, () => Array.from({ length: bareCount }, () => new Tiny()));
  const sim = benchSimulation();
  sim.objects.create(Tiny);
  const table = bytesPer(count, () => {
    for (let i = 0; i < count; i++) sim.objects.create(Tiny);
    return sim;
  });
  return {
    perEntry: table.bytesPerItem - bare.bytesPerItem,
    perObject: table.bytesPerItem,
    perInstance: bare.bytesPerItem,
  };
}

function* sleeperBody(): Op<void> {
  yield* sleep(1_000_000);
}

/** The same thread bodies, started and held in an array, with no kernel: what the thread's own code costs. */
function bodyBytes(count: number): number {
  return bytesPer(count, () =>
    Array.from({ length: count }, () => {
      const g = sleeperBody();
      g.next();
      return g;
    }),
  ).bytesPerItem;
}

function threadBytes(count: number): number {
  const sim = benchSimulation({ cpus: 2 });
  const body = sleeperBody;
  let before = 0;
  let during = 0;
  sim.spawn('warm', body);
  sim.at(1, () => {
    before = heapUsedAfterGc();
    for (let i = 0; i < count; i++) sim.spawn('sleeper', body);
  });
  sim.at(500_000, () => {
    if (sim.kernel.threads.size < count)
      throw new Error(`memoryBench: only ${sim.kernel.threads.size} threads alive`);
    during = heapUsedAfterGc();
  });
  runToEnd(sim);
  return (during - before) / count;
}

interface Capacity {
  readonly mb: number;
  readonly note: string;
}

/** One capacity probe: in a child process with the default heap (full), or in this process (smoke). */
function capacity(kind: CapacityKind, n: number, scale: BenchScale): Capacity {
  if (scale === 'smoke') return describe(runCapacity(kind, n), n);
  const child = fileURLToPath(new URL('./capacity-child.js', import.meta.url));
  const r = spawnSync(process.execPath, [child, kind, String(n)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) {
    const why = (r.stderr ?? '').trim().split('\n').slice(-1)[0] ?? '';
    return { mb: NaN, note: `the run did not complete: exit ${r.status ?? r.signal}; ${why}` };
  }
  return describe(JSON.parse(r.stdout.trim().split('\n').slice(-1)[0]) as CapacityRun, n);
}

function describe(j: CapacityRun, n: number): Capacity {
  const per = (j.heapUsedMb * 2 ** 20) / n;
  return {
    mb: j.heapUsedMb,
    note: `completed in ${(j.cpuMs / 1000).toFixed(1)} s CPU; heap in use with all alive (not collected) ${j.heapUsedMb.toFixed(0)} MB, ${per.toFixed(0)} B each, of the default limit ${j.heapLimitMb.toFixed(0)} MB`,
  };
}

export function memoryBench(scale: BenchScale): Promise<BenchFigure[]> {
  const group = 'memory';
  const objects = pick(scale, 1_000_000, 1000);
  const threads = pick(scale, 100_000, 1000);
  const e = entryBytes(objects);
  const t = threadBytes(threads);
  const b = bodyBytes(threads);
  const manyObjects = pick(scale, 10_000_000, 1000);
  const manyThreads = pick(scale, 4_000_000, 1000);
  const o = capacity('objects', manyObjects, scale);
  const s = capacity('threads', manyThreads, scale);
  const limitMb = getHeapStatistics().heap_size_limit / 2 ** 20;
  return Promise.resolve([
    figure({
      group,
      name: `table entry (${objects.toLocaleString('en-US')} objects)`,
      value: e.perEntry,
      unit: 'B/entry',
      goal: { on: 'value', op: '<', limit: 100 },
      note: `per object ${e.perObject.toFixed(0)} B, of which the bare instance ${e.perInstance.toFixed(0)} B`,
    }),
    figure({
      group,
      name: `live thread (${threads.toLocaleString('en-US')} asleep)`,
      value: t,
      unit: 'B/thread',
      goal: { on: 'value', op: '<', limit: 400 },
      note: `everything a sleeping thread holds; its body's own generators (yield* sleep) are ${b.toFixed(0)} B of it`,
    }),
    figure({
      group,
      name: 'live thread, kernel bookkeeping only',
      value: t - b,
      unit: 'B/thread',
      note: 'the same minus the started thread body held without a kernel: Thread, maps, timer queue, quiescence slot',
    }),
    figure({
      group,
      name: `${manyObjects.toLocaleString('en-US')} objects in the default heap`,
      value: o.mb,
      unit: 'MB',
      goal: { on: 'value', op: '<', limit: limitMb },
      note: o.note,
    }),
    figure({
      group,
      name: `${manyThreads.toLocaleString('en-US')} short threads alive in the default heap`,
      value: s.mb,
      unit: 'MB',
      goal: { on: 'value', op: '<', limit: limitMb },
      note: `each makes one generator call and exits, all spawned at tick 0, event hash on; ${s.note}`,
    }),
  ]);
}
