/**
 * Thread: a short-lived simulated thread whose body is a generator.
 *
 * States: ready -> running -> (ready | sleeping | blocked | exited); a thread
 * that throws is `exited` with `error` set (event `thread.failed`).
 *
 * Fields are owned by the kernel (state, cpu, timing) except `frames`, the
 * stack of table calls the thread is inside, pushed and popped by the
 * translation table, and the `count*` fields and `tickCounted`, where the
 * quiescence detector counted the thread (K42: the pointer to activeCnt[gen]
 * stored in the thread), owned by the detector. The table reuses a
 * finished call's record only if nobody outside it saw the record
 * (docs/ARCHITECTURE.md, "Reused call records"), so the stack has two
 * views: `frames`, for the simulator's own readers that look and let go
 * within the step (the table, the kernel, hot swap, quiescence reports),
 * and `calls`, a kept copy, for everyone who may hold a frame.
 */
import type { Effect } from './effect.ts';
import type { EnqueueReason } from './scheduling-policy.ts';

export type ThreadState = 'ready' | 'running' | 'blocked' | 'sleeping' | 'exited';
export type ThreadId = number;
export type ThreadBody = () => Generator<Effect, unknown, unknown>;

export interface SpawnOptions {
  /** Scheduling weight for policies that use one (stride tickets, priority). */
  readonly weight?: number;
  /** CPU to start on, if the policy honours hints. */
  readonly cpu?: number;
}

/** What a thread is inside of: a table call, as the kernel sees it. */
export interface CallFrame {
  readonly id: number;
  readonly objectName: string;
  readonly method: string;
  readonly tickEntered: number;
  /** Seen outside the table: never reuse this record (the table's records implement it). */
  keep?(): void;
}

/** The read-only view of a thread that policies, detectors and reports get. */
export interface ThreadView {
  readonly id: ThreadId;
  readonly name: string;
  readonly parentId: ThreadId | null;
  readonly state: ThreadState;
  readonly weight: number;
  /** CPU it runs on, or last ran on; -1 before its first dispatch. */
  readonly cpu: number;
  readonly tickSpawned: number;
  readonly calls: readonly CallFrame[];
  readonly selfDeactivated: boolean;
}

/** The calls of a thread that never made one: shared, frozen (memory: 32 B per live thread). */
const NO_CALLS: CallFrame[] = Object.freeze([]) as unknown as CallFrame[];

export class Thread implements ThreadView {
  state: ThreadState = 'ready';
  cpu = -1;
  /** Ticks of compute still owed before the body resumes. */
  computeLeft = 0;
  /** Value handed to the body at its next resumption; once exited, what the body returned (`result`). */
  resumeValue: unknown = undefined;
  /** Error thrown into the body at its next resumption, if any; once exited, what it threw (`error`). */
  resumeError: unknown = undefined;
  /** Tick at which the thread's current step ends; never ready before it. */
  busyUntil = 0;
  /** Counted by the quiescence detector right now (activated, not deactivated). */
  counted = false;
  started = false;
  /** True when the body threw (whatever it threw, undefined included). */
  failed = false;
  /**
   * @internal Table calls this thread is inside, outermost first (a shared
   * empty array until the first call: enterCall): the live stack, for the
   * simulator's own readers that never hold a frame past the step. Anyone
   * who may hold one reads `calls`.
   */
  frames: CallFrame[] = NO_CALLS;
  /** Set by deactivateSelf(): not counted by quiescence outside calls. */
  selfDeactivated = false;
  /** Quiescence detector's count: the CPU it is counted on, -1 when the detector does not count it. */
  countCpu = -1;
  /** Its activation number (machine-wide, counting order); -1 when not counted. */
  countSeq = -1;
  /** Generation it was last counted in (detector numbering; K42: genCount, whose parity is the counter slot). */
  countGeneration = 0;
  /** Tick it was last counted at. */
  tickCounted = 0;
  readonly gen: Generator<Effect, unknown, unknown>;
  /** Why it is handed to the policy when its event-queue entry comes up (it is its own entry, kind 'ready'). */
  readyReason: EnqueueReason = 'spawned';
  /** Its kind as an event-queue entry (on the prototype: no field per thread). */
  declare readonly kind: 'ready';

  constructor(
    readonly id: ThreadId,
    readonly name: string,
    readonly parentId: ThreadId | null,
    body: ThreadBody,
    readonly weight: number,
    readonly tickSpawned: number,
    readonly cpuHint: number,
  ) {
    this.gen = body();
  }

  /** The tick its last step began, -1 while alive (its exit step takes one tick: busyUntil - 1; no field of its own). */
  get tickExited(): number {
    return this.state === 'exited' ? this.busyUntil - 1 : -1;
  }

  /**
   * Table calls this thread is inside, outermost first: a snapshot of the
   * stack now. A frame read here is kept as it is after its call returns
   * (the table never reuses its record), so a reader may hold it; the
   * array is a copy, so calls made later never appear in it unkept.
   */
  get calls(): readonly CallFrame[] {
    const frames = this.frames;
    if (frames.length === 0) return NO_CALLS;
    for (let i = 0; i < frames.length; i++) frames[i].keep?.();
    return frames.slice();
  }

  /** What the body returned; undefined until it exits (kept in resumeValue's slot: one field less per thread). */
  get result(): unknown {
    return this.state === 'exited' ? this.resumeValue : undefined;
  }

  /** What the body threw, if it failed; undefined until it exits (kept in resumeError's slot). */
  get error(): unknown {
    return this.state === 'exited' ? this.resumeError : undefined;
  }

  /** Push a call on the thread's stack (the translation table's only way in). */
  enterCall(frame: CallFrame): void {
    if (this.frames === NO_CALLS) this.frames = [frame];
    else this.frames.push(frame);
  }

  /** In logs and hashes a thread is its id and name (never its generator or stack). */
  toJSON(): { thread: number; name: string } {
    return { thread: this.id, name: this.name };
  }

  /** Where the thread is, for liveness reports: state and the calls it is inside. */
  describe(): string {
    const inside = this.frames.map((c) => `${c.objectName}.${c.method}#${c.id}`).join(' > ');
    return `thread ${this.id} '${this.name}' (${this.state}${this.state === 'running' ? ` on cpu ${this.cpu}` : ''}${inside ? `, inside ${inside}` : ''})`;
  }
}

Object.defineProperty(Thread.prototype, 'kind', { value: 'ready' });
