/**
 * minimalSimulator: the hand-written baseline the end-to-end figures are
 * measured against (issue 10: "the physical limit"). It keeps only what a
 * simulator of this kind cannot do without: generator threads, a round-robin
 * run queue (an array with a head index), per-CPU quantum preemption, a
 * generation count per CPU that each thread is counted in from first run to
 * exit, and a counting call wrapper that yields at call entry and exit and
 * emits per-call events only behind an `observed` guard.
 *
 * Interface: `runMinimalSimulator({ threads, callsPerThread, cpus,
 * quantumTicks, target })` -> { calls, steps, ticks }: `target.op(x)`
 * is the generator method each call reaches (the same class the kernel-sim
 * run calls through its table); `ticks` is the tick of the last step, as the
 * kernel's run result counts it (the end-to-end group asserts they agree).
 */
import { BOUNDARY, type Effect, type Op } from '../kernel/index.ts';

export interface MinimalTarget {
  op(x: number): Op<number>;
}

export interface MinimalSpec {
  readonly threads: number;
  readonly callsPerThread: number;
  readonly cpus: number;
  readonly quantumTicks: number;
  readonly target: MinimalTarget;
}

export interface MinimalRun {
  readonly calls: number;
  readonly steps: number;
  readonly ticks: number;
}

class MiniThread {
  cpu = -1;
  generation = 0;
  constructor(readonly gen: Generator<Effect, unknown, unknown>) {}
}

interface Stats {
  calls: number;
  observed: boolean;
  events: unknown[];
}

function* countedCall(target: MinimalTarget, x: number, stats: Stats): Op<number> {
  stats.calls++;
  if (stats.observed) stats.events.push({ type: 'call.entered', x });
  yield BOUNDARY;
  const r = yield* target.op(x);
  yield BOUNDARY;
  if (stats.observed) stats.events.push({ type: 'call.exited', x });
  return r;
}

export function runMinimalSimulator(spec: MinimalSpec): MinimalRun {
  const stats: Stats = { calls: 0, observed: false, events: [] };
  const { target, callsPerThread } = spec;
  let queue: MiniThread[] = [];
  for (let i = 0; i < spec.threads; i++) {
    queue.push(
      new MiniThread(
        (function* (): Op<void> {
          for (let j = 0; j < callsPerThread; j++) yield* countedCall(target, j, stats);
        })(),
      ),
    );
  }
  const running: (MiniThread | null)[] = new Array<MiniThread | null>(spec.cpus).fill(null);
  const quantumLeft = new Int32Array(spec.cpus);
  const active = new Int32Array(spec.cpus);
  const generation = new Int32Array(spec.cpus);
  let head = 0;
  let alive = spec.threads;
  let steps = 0;
  let tick = 0;
  while (alive > 0) {
    for (let c = 0; c < spec.cpus; c++) {
      let t = running[c]!;
      if (t === null || quantumLeft[c] === 0) {
        if (t !== null) queue.push(t);
        t = head < queue.length ? queue[head++] : null!;
        running[c] = t;
        quantumLeft[c] = spec.quantumTicks;
        if (t === null) continue;
        if (t.cpu < 0) {
          t.cpu = c;
          t.generation = generation[c]!;
          active[c]++;
        }
      }
      const r = t.gen.next();
      steps++;
      quantumLeft[c]--;
      if (r.done === true) {
        alive--;
        active[t.cpu]--;
        running[c] = null;
      }
    }
    tick++;
    if (head > 65536 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
  }
  return { calls: stats.calls, steps, ticks: tick - 1 };
}
