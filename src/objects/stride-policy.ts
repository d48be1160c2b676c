/**
 * StridePolicy: proportional-share scheduling (Waldspurger and Weihl's
 * stride scheduling), a SchedulingPolicy with different state from
 * RoundRobinPolicy: the target of the swap-scheduler scenario.
 *
 * Model: each thread (client) holds tickets = weight * TICKETS_PER_WEIGHT
 * and has stride = STRIDE_ONE / tickets and a pass value. pickNext takes the
 * ready client with the smallest pass (ties: earliest arrival) and charges
 * it one stride: one stride per dispatch, i.e. per quantum granted (the
 * policy does not see how many ticks a thread really used, so a thread that
 * leaves early pays a full quantum). A thread that (re)joins (spawned or
 * woken) gets pass = max(its pass, virtualPass), the pass of the last
 * dispatch, so sleeping banks no credit; a preempted or yielding thread
 * keeps its pass. Over time each CPU-bound thread gets CPU in proportion to
 * its weight, within one quantum per thread.
 *
 * One global queue, ordered by pass, serves every CPU: proportional share
 * holds machine-wide and pickNext ignores which CPU asks (no affinity; a
 * thread's CPU hint is only remembered, for the 'run-queue' export).
 *
 * admit(weight) (generator, called by threads): takes ADMIT_TICKS of CPU
 * and returns the CPU share a new client of `weight` gets now: cpus times
 * its tickets over the ready clients' tickets plus its own, at most 1.
 *
 * Transfer formats (exports and imports, best first):
 *   'stride-state' (StrideState)  passes, tickets, virtual pass: lossless
 *   'run-queue' (RunQueueState)   the format every policy shares. Export:
 *       each CPU's list holds the ready threads whose hint is that CPU (no
 *       hint: the shortest list), in pass order. Import: ready threads carry
 *       no weight, so each gets default tickets (weight 1) and pass
 *       virtualPass + position * default stride, in CPU-list order; ties go
 *       CPU by CPU, so every list's run order is preserved. A thread's real
 *       weight is read from its ThreadView at its next enqueue.
 *
 * The swappable interface is the port plus snapshot(); helpers are #private
 * so a swap back to RoundRobinPolicy finds every method there.
 *
 * Invariants (panic): a thread is queued at most once; pickNext returns only
 * queued threads; passes in the queue never fall below virtualPass.
 */
import { inject, injectable } from 'inversify';
import {
  compute,
  panic,
  type Op,
  type EnqueueReason,
  type SchedulingPolicy,
  type ThreadId,
  type ThreadView,
} from '../kernel/index.ts';
import { MACHINE, type MachineInfo } from './tokens.ts';
import type { RunQueueState } from './run-queue-state.ts';
import { ADMIT_TICKS } from './admit-ticks.ts';
import type { StrideClientState, StrideState } from './stride-state.ts';

export const TICKETS_PER_WEIGHT = 100;
export const STRIDE_ONE = 1 << 20;
const RUN_QUEUE = 'run-queue';
const STRIDE_STATE = 'stride-state';

interface Client {
  readonly thread: ThreadId;
  tickets: number;
  stride: number;
  pass: number;
  cpu: number;
  /** Arrival order in the queue (tie-break); -1 when not queued. */
  seq: number;
}

@injectable()
export class StridePolicy implements SchedulingPolicy {
  private readonly cpus: number;
  private readonly clients = new Map<ThreadId, Client>();
  /** Ready clients, ascending (pass, seq). */
  private readonly queue: Client[] = [];
  private virtualPass = 0;
  private nextSeq = 0;
  /** Dispatches made by this policy (for reports and tests). */
  dispatches = 0;

  constructor(@inject(MACHINE) machine: MachineInfo) {
    this.cpus = machine.cpus;
  }

  enqueue(thread: ThreadView, cpuHint: number, reason: EnqueueReason): void {
    let c = this.clients.get(thread.id);
    if (c === undefined) {
      c = { thread: thread.id, tickets: 0, stride: 0, pass: this.virtualPass, cpu: -1, seq: -1 };
      this.clients.set(thread.id, c);
    }
    if (c.seq >= 0)
      panic(
        'StridePolicy.enqueue',
        `thread ${thread.id} '${thread.name}' is already queued (reason ${reason})`,
      );
    this.#setTickets(c, ticketsOf(thread));
    if (reason === 'spawned' || reason === 'woken') c.pass = Math.max(c.pass, this.virtualPass);
    c.cpu = cpuHint >= 0 && cpuHint < this.cpus ? cpuHint : -1;
    this.#insert(c);
  }

  pickNext(_cpu: number): ThreadId | undefined {
    const c = this.queue.shift();
    if (c === undefined) return undefined;
    c.seq = -1;
    this.virtualPass = c.pass;
    c.pass += c.stride;
    this.dispatches++;
    return c.thread;
  }

  forget(threadId: ThreadId): void {
    const c = this.clients.get(threadId);
    if (c === undefined) return;
    if (c.seq >= 0) this.queue.splice(this.queue.indexOf(c), 1);
    this.clients.delete(threadId);
  }

  readyCount(): number {
    return this.queue.length;
  }

  /** Admission: the CPU share a client of `weight` would get now (proportional to its tickets). */
  *admit(weight: number): Op<number> {
    yield* compute(ADMIT_TICKS);
    const own = Math.max(1, Math.round(weight * TICKETS_PER_WEIGHT));
    let ready = 0;
    for (const c of this.queue) ready += c.tickets;
    return Math.min(1, (this.cpus * own) / (ready + own));
  }

  /** Ready threads per CPU (by hint), in run order: the 'run-queue' view. */
  snapshot(): ThreadId[][] {
    const lists: ThreadId[][] = Array.from({ length: this.cpus }, () => []);
    for (const c of this.queue) lists[c.cpu >= 0 ? c.cpu : shortest(lists)].push(c.thread);
    return lists;
  }

  /** Ready threads in run order, machine-wide. */
  get order(): ThreadId[] {
    return this.queue.map((c) => c.thread);
  }

  /** Every known client's pass and tickets, by thread (a getter: not part of the swappable interface). */
  get clientStates(): ReadonlyMap<ThreadId, StrideClientState> {
    return new Map([...this.clients].map(([id, c]) => [id, viewOf(c)]));
  }

  // ---- state transfer ------------------------------------------------------------

  exportFormats(): readonly string[] {
    return [STRIDE_STATE, RUN_QUEUE];
  }

  exportState(format: string): RunQueueState | StrideState {
    if (format === RUN_QUEUE) return { queues: this.snapshot() };
    const idle = [...this.clients.values()].filter((c) => c.seq < 0);
    return { virtualPass: this.virtualPass, ready: this.queue.map(viewOf), idle: idle.map(viewOf) };
  }

  importFormats(): readonly string[] {
    return [STRIDE_STATE, RUN_QUEUE];
  }

  importState(format: string, state: unknown): void {
    if (format === RUN_QUEUE) this.#importRunQueue(state as RunQueueState);
    else if (format === STRIDE_STATE) this.#importStride(state as StrideState);
    else
      throw new RangeError(
        `StridePolicy.importState: unknown format '${format}'; it imports ${this.importFormats().join(', ')}`,
      );
  }

  #importRunQueue({ queues }: RunQueueState): void {
    const base = this.virtualPass;
    const stride = strideOf(TICKETS_PER_WEIGHT);
    const depth = Math.max(0, ...queues.map((q) => q.length));
    for (let i = 0; i < depth; i++) {
      queues.forEach((q, cpu) => {
        const id = q[i];
        if (id === undefined) return;
        const c: Client = {
          thread: id,
          tickets: TICKETS_PER_WEIGHT,
          stride,
          pass: base + i * stride,
          cpu: cpu % this.cpus,
          seq: -1,
        };
        this.#adopt(c);
      });
    }
  }

  #importStride(s: StrideState): void {
    this.virtualPass = Math.max(this.virtualPass, s.virtualPass);
    for (const r of s.ready) this.#adopt(this.#client(r));
    for (const r of s.idle) this.clients.set(r.thread, this.#client(r));
  }

  #client(r: StrideClientState): Client {
    const c: Client = {
      thread: r.thread,
      tickets: 0,
      stride: 0,
      pass: r.pass,
      cpu: r.cpu < this.cpus ? r.cpu : -1,
      seq: -1,
    };
    this.#setTickets(c, r.tickets);
    return c;
  }

  #adopt(c: Client): void {
    if ((this.clients.get(c.thread)?.seq ?? -1) >= 0)
      panic('StridePolicy.importState', `thread ${c.thread} is listed twice`);
    this.clients.set(c.thread, c);
    this.#insert(c);
  }

  #setTickets(c: Client, tickets: number): void {
    c.tickets = tickets;
    c.stride = strideOf(tickets);
  }

  /** Insert after every client with a smaller or equal pass (ties keep arrival order). */
  #insert(c: Client): void {
    c.seq = this.nextSeq++;
    const q = this.queue;
    let lo = 0;
    let hi = q.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (q[mid].pass <= c.pass) lo = mid + 1;
      else hi = mid;
    }
    q.splice(lo, 0, c);
  }
}

/** Tickets for a thread's weight: at least 1. */
function ticketsOf(thread: ThreadView): number {
  const w = thread.weight;
  if (!Number.isFinite(w) || w <= 0) {
    throw new RangeError(
      `StridePolicy: thread ${thread.id} '${thread.name}' has weight ${w}; spawn it with a positive weight (default 1)`,
    );
  }
  return Math.max(1, Math.round(w * TICKETS_PER_WEIGHT));
}

function viewOf(c: Client): StrideClientState {
  return { thread: c.thread, pass: c.pass, tickets: c.tickets, cpu: c.cpu };
}

function strideOf(tickets: number): number {
  return Math.max(1, Math.floor(STRIDE_ONE / tickets));
}

function shortest(lists: readonly unknown[][]): number {
  let best = 0;
  for (let i = 1; i < lists.length; i++) if (lists[i].length < lists[best].length) best = i;
  return best;
}
