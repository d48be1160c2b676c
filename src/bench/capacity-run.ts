/**
 * capacityRun: one capacity probe of issue 18 item 3, run in a child process
 * with Node's default heap (no --max-old-space-size), so that "completes
 * inside the default heap" is what it says: `objects N` creates N table
 * objects of a one-field class; `threads N` runs N short threads (each makes
 * one call through the table and exits), all spawned at tick 0 in the default
 * configuration (event hash on), so all N are alive at once.
 *
 * Interface: `runCapacity(kind, n)` -> { kind, n, ms, cpuMs, heapUsedMb,
 * heapLimitMb } (heapUsedMb: with all N alive, not collected first).
 * capacity-child.ts is the child process's entry; running out of heap kills
 * that process (V8 aborts), which the parent (memoryBench) reports.
 */
import { getHeapStatistics } from 'node:v8';
import { LIVE_LIMIT_CEILINGS } from '../kernel/index.ts';
import { createSimulation } from '../simulation/index.ts';
import { timed } from './wall-clock.ts';

class Tiny {
  n = 0;
  *bump(): Generator<never, number, unknown> {
    return ++this.n;
  }
}

let heapUsedAtPeak = 0;

function objects(n: number): void {
  const sim = createSimulation({ objectsMax: LIVE_LIMIT_CEILINGS.objectsMax });
  for (let i = 0; i < n; i++) sim.objects.create(Tiny);
  heapUsedAtPeak = process.memoryUsage().heapUsed;
  if (sim.objects.peek(sim.objects.create(Tiny)).n !== 0) throw new Error('capacityRun: Tiny');
}

function threads(n: number): void {
  const sim = createSimulation({
    threadsMax: LIVE_LIMIT_CEILINGS.threadsMax,
    ticksMax: Number.MAX_SAFE_INTEGER,
  });
  const ref = sim.objects.create(Tiny);
  for (let i = 0; i < n; i++)
    sim.spawn('short', function* () {
      yield* ref.bump();
    });
  sim.at(1, () => void (heapUsedAtPeak = process.memoryUsage().heapUsed));
  const r = sim.run();
  if (r.outcome !== 'passed') throw new Error(`capacityRun: the run ended '${r.outcome}'`);
  const made = sim.objects.peek(ref).n;
  if (made !== n) throw new Error(`capacityRun: ${made} calls of ${n}`);
}

export type CapacityKind = 'objects' | 'threads';

export interface CapacityRun {
  readonly kind: CapacityKind;
  readonly n: number;
  readonly ms: number;
  readonly cpuMs: number;
  readonly heapUsedMb: number;
  readonly heapLimitMb: number;
}

export function runCapacity(kind: CapacityKind, n: number): CapacityRun {
  const t = timed(() => (kind === 'objects' ? objects(n) : threads(n)));
  return {
    kind,
    n,
    ms: t.wallMs,
    cpuMs: t.cpuMs,
    heapUsedMb: heapUsedAtPeak / 2 ** 20,
    heapLimitMb: getHeapStatistics().heap_size_limit / 2 ** 20,
  };
}
