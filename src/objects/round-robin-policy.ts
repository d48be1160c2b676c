/**
 * RoundRobinPolicy: the default SchedulingPolicy, a kernel object reached
 * through the translation table (so it can be hot-swapped).
 *
 * State: one FIFO run queue per CPU. enqueue puts a thread at the tail of its
 * hint CPU's queue (a thread with no hint goes to the shortest queue, lowest
 * CPU first); pickNext takes the head of the CPU's own queue, or steals the
 * tail of the longest other queue when its own is empty.
 *
 * admit(weight) (generator, called by threads): takes ADMIT_TICKS of CPU
 * and returns the CPU share a new client gets now, whatever its weight:
 * cpus / (ready threads + 1), at most 1.
 *
 * Transfer formats: exports and imports 'run-queue' ({ queues: ThreadId[][] },
 * each CPU's ready threads in run order), the format every policy shares.
 */
import { inject, injectable } from 'inversify';
import {
  compute,
  Deque,
  type Op,
  type EnqueueReason,
  type SchedulingPolicy,
  type ThreadId,
  type ThreadView,
} from '../kernel/index.ts';
import { MACHINE, type MachineInfo } from './tokens.ts';
import type { RunQueueState } from './run-queue-state.ts';
import { ADMIT_TICKS } from './admit-ticks.ts';

@injectable()
export class RoundRobinPolicy implements SchedulingPolicy {
  readonly #queues: Deque<ThreadId>[];

  constructor(@inject(MACHINE) machine: MachineInfo) {
    this.#queues = Array.from({ length: machine.cpus }, () => new Deque<ThreadId>());
  }

  enqueue(thread: ThreadView, cpuHint: number, _reason: EnqueueReason): void {
    const cpu = cpuHint >= 0 && cpuHint < this.#queues.length ? cpuHint : this.#shortest();
    this.#queues[cpu].push(thread.id);
  }

  pickNext(cpu: number): ThreadId | undefined {
    const own = this.#queues[cpu];
    if (own.length > 0) return own.shift();
    const victim = this.#longest();
    return victim === undefined ? undefined : this.#queues[victim].pop();
  }

  forget(_threadId: ThreadId): void {}

  readyCount(): number {
    let n = 0;
    for (const q of this.#queues) n += q.length;
    return n;
  }

  /** Admission: the CPU share a client would get now (round robin ignores `weight`). */
  *admit(_weight: number): Op<number> {
    yield* compute(ADMIT_TICKS);
    return Math.min(1, this.#queues.length / (this.readyCount() + 1));
  }

  /** Ready threads per CPU, in run order (for reports and tests). */
  snapshot(): ThreadId[][] {
    return this.#queues.map((q) => q.toArray());
  }

  #shortest(): number {
    let best = 0;
    for (let i = 1; i < this.#queues.length; i++)
      if (this.#queues[i].length < this.#queues[best].length) best = i;
    return best;
  }

  #longest(): number | undefined {
    let best: number | undefined;
    for (let i = 0; i < this.#queues.length; i++) {
      const n = this.#queues[i].length;
      if (n > 0 && (best === undefined || n > this.#queues[best].length)) best = i;
    }
    return best;
  }

  exportFormats(): readonly string[] {
    return ['run-queue'];
  }

  exportState(_format: string): RunQueueState {
    return { queues: this.snapshot() };
  }

  importFormats(): readonly string[] {
    return ['run-queue'];
  }

  importState(_format: string, state: unknown): void {
    const { queues } = state as RunQueueState;
    queues.forEach((q, cpu) => {
      const target = this.#queues[cpu % this.#queues.length];
      for (const id of q) target.push(id);
    });
  }
}
