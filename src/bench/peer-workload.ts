/**
 * peerWorkload: the workload of issue 18, as a new user builds it: `threads`
 * threads arrive one per tick, each makes 10 generator calls over 64
 * objects, each call computes 1 tick, on 2 CPUs, in a simulation made by
 * `createSimulation({ seed, cpus: 2 })` with nothing else changed (the event
 * hash on, the default; `ticksMax` and `threadsMax` raised only so that a
 * large run is not cut off, which changes no cost: at N = 100,000 about
 * 94,000 threads are alive at the end of the arrivals). `hashEvents: false` gives the same run with
 * the hash off, for the figure beside the headline.
 *
 * Interface: `runPeerWorkload({ threads, hashEvents })` -> { wallMs, cpuMs,
 * ops, ticks }: the times of `sim.run()` (the arrivals are queued actions,
 * so spawning is inside it), ops the calls made. It checks the run passed
 * and every call reached its object, so a broken run cannot pass as a fast
 * one. `PeerObject` is the object class; the minimal simulator
 * (peer-minimal.ts) calls the same class.
 */
import { LIVE_LIMIT_CEILINGS, compute, type Op } from '../kernel/index.ts';
import { createSimulation } from '../simulation/index.ts';
import type { ObjectRef } from '../translation-table/index.ts';
import { timed } from './wall-clock.ts';

export const PEER_CALLS_PER_THREAD = 10;
export const PEER_OBJECTS = 64;
export const PEER_CPUS = 2;

/** The thread body's shape (see the header). */
export type PeerBody = 'function' | 'closure';

export class PeerObject {
  calls = 0;
  *work(): Op<void> {
    this.calls++;
    yield* compute(1);
  }
}

export interface PeerSpec {
  readonly threads: number;
  readonly hashEvents: boolean;
  /** The simulation's schedule option (default: none given, i.e. fifo). */
  readonly schedule?: string;
  /** The thread body's shape (default 'function'). */
  readonly body?: PeerBody;
}

/** The peer thread's body: its 10 calls, from object `i` on. */
function* peerThread(objects: readonly ObjectRef<PeerObject>[], i: number): Op<void> {
  for (let k = 0; k < PEER_CALLS_PER_THREAD; k++) yield* objects[(i + k) % PEER_OBJECTS].work();
}

export interface PeerRun {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly ops: number;
  readonly ticks: number;
  /** The run's event hash ('off' with the hash off). */
  readonly eventsHash: string;
}

export function runPeerWorkload(spec: PeerSpec): PeerRun {
  const sim = createSimulation({
    seed: 1,
    cpus: PEER_CPUS,
    ticksMax: Number.MAX_SAFE_INTEGER,
    threadsMax: LIVE_LIMIT_CEILINGS.threadsMax,
    ...(spec.hashEvents ? {} : { hashEvents: false }),
    ...(spec.schedule === undefined ? {} : { schedule: spec.schedule }),
  });
  const objects = Array.from({ length: PEER_OBJECTS }, () => sim.objects.create(PeerObject));
  const closure = spec.body === 'closure';
  for (let i = 0; i < spec.threads; i++)
    sim.at(
      i,
      closure
        ? () =>
            sim.spawn('peer', function* () {
              for (let k = 0; k < PEER_CALLS_PER_THREAD; k++)
                yield* objects[(i + k) % PEER_OBJECTS].work();
            })
        : () => sim.spawn('peer', () => peerThread(objects, i)),
    );
  let outcome = '';
  let ticks = 0;
  let eventsHash = '';
  const t = timed(() => {
    const r = sim.run();
    outcome = r.outcome;
    ticks = r.ticks;
    eventsHash = r.eventsHash;
  });
  if (outcome !== 'passed') throw new Error(`peerWorkload: the run ended '${outcome}'`);
  const ops = spec.threads * PEER_CALLS_PER_THREAD;
  const made = objects.reduce((n, ref) => n + sim.objects.peek(ref).calls, 0);
  if (made !== ops) throw new Error(`peerWorkload: the objects saw ${made} calls, expected ${ops}`);
  return { wallMs: t.wallMs, cpuMs: t.cpuMs, ops, ticks, eventsHash };
}
