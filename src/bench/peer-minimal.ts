/**
 * peerMinimal: a hand-written minimal simulator of the peer workload
 * (peer-workload.ts) with the same cost model, the baseline of the headline
 * figures (issue 18). It keeps only what such a simulator cannot do
 * without: generator threads (a body of the same shape, `body` as in
 * peer-workload.ts: one generator function declared once, or a `function*`
 * closure per thread; and the same PeerObject class), a FIFO run queue (an array with a head index), per-CPU quantum
 * preemption, a counting call wrapper that yields at call entry and exit,
 * and the kernel's time model (a step ending in a yield takes one tick, a
 * compute(n) step n ticks, cut at quantum expiry; a thread arrives each tick).
 *
 * Interface: `runPeerMinimal({ threads, quantumTicks, body })` -> { calls, steps,
 * ticks }, where `ticks` is the tick of the last thread's last step, as the
 * kernel's run result counts it: the headline asserts the two agree, so
 * both simulate the same machine doing the same work.
 */
import { BOUNDARY, type Effect, type Op } from '../kernel/index.ts';
import {
  PEER_CALLS_PER_THREAD,
  PEER_CPUS,
  PEER_OBJECTS,
  PeerObject,
  type PeerBody,
} from './peer-workload.ts';

export interface PeerMinimalSpec {
  readonly threads: number;
  readonly quantumTicks: number;
  /** The thread body's shape (default 'function'), as peer-workload.ts's. */
  readonly body?: PeerBody;
}

export interface PeerMinimalRun {
  readonly calls: number;
  readonly steps: number;
  readonly ticks: number;
}

class MiniThread {
  computeLeft = 0;
  constructor(readonly gen: Generator<Effect, unknown, unknown>) {}
}

interface Counter {
  calls: number;
}

function* countedCall(target: PeerObject, counter: Counter): Op<void> {
  counter.calls++;
  yield BOUNDARY;
  yield* target.work();
  yield BOUNDARY;
}

function* peerBody(objects: readonly PeerObject[], i: number, counter: Counter): Op<void> {
  for (let k = 0; k < PEER_CALLS_PER_THREAD; k++)
    yield* countedCall(objects[(i + k) % PEER_OBJECTS], counter);
}

/** A thread's generator, from a body of the given shape. */
function peerThread(
  body: PeerBody,
  objects: readonly PeerObject[],
  i: number,
  counter: Counter,
): Generator<Effect, unknown, unknown> {
  const make =
    body === 'closure'
      ? function* (): Op<void> {
          for (let k = 0; k < PEER_CALLS_PER_THREAD; k++)
            yield* countedCall(objects[(i + k) % PEER_OBJECTS], counter);
        }
      : () => peerBody(objects, i, counter);
  return make();
}

export function runPeerMinimal(spec: PeerMinimalSpec): PeerMinimalRun {
  const body = spec.body ?? 'function';
  const counter: Counter = { calls: 0 };
  const objects = Array.from({ length: PEER_OBJECTS }, () => new PeerObject());
  const cpus = PEER_CPUS;
  const quantum = spec.quantumTicks;
  let queue: MiniThread[] = [];
  let head = 0;
  const running: (MiniThread | null)[] = new Array<MiniThread | null>(cpus).fill(null);
  const busyUntil = new Float64Array(cpus);
  const quantumEnd = new Float64Array(cpus);
  let arrived = 0;
  let alive = 0;
  let steps = 0;
  let last = 0;
  for (let tick = 0; arrived < spec.threads || alive > 0; tick++) {
    if (arrived < spec.threads) {
      queue.push(new MiniThread(peerThread(body, objects, arrived++, counter)));
      alive++;
    }
    for (let c = 0; c < cpus; c++) {
      if (busyUntil[c] > tick) continue;
      let t = running[c];
      if (t !== null && tick >= quantumEnd[c]) {
        queue.push(t);
        t = null;
      }
      if (t === null) {
        t = head < queue.length ? queue[head++] : null;
        running[c] = t;
        if (t === null) continue;
        quantumEnd[c] = tick + quantum;
      }
      if (t.computeLeft === 0) {
        const r = t.gen.next();
        steps++;
        if (r.done === true) {
          alive--;
          running[c] = null;
          busyUntil[c] = tick + 1;
          last = tick;
          continue;
        }
        if (r.value.kind !== 'compute') {
          busyUntil[c] = tick + 1;
          continue;
        }
        t.computeLeft = r.value.ticks;
      }
      const n = Math.min(t.computeLeft, quantumEnd[c] - tick);
      t.computeLeft -= n;
      busyUntil[c] = tick + n;
    }
    if (head > 65536 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
  }
  const made = objects.reduce((n, o) => n + o.calls, 0);
  if (made !== counter.calls || made !== spec.threads * PEER_CALLS_PER_THREAD)
    throw new Error(`peerMinimal: ${made} calls reached the objects, ${counter.calls} counted`);
  return { calls: counter.calls, steps, ticks: last };
}
