/**
 * UnrunOps: finds the generator call a thread made and never ran, the
 * learner's "missing yield*" (`cache.get(1)` instead of
 * `yield* cache.get(1)`), which otherwise makes no call and fails nothing.
 *
 * Interface: the generated refs report every generator call they make
 * (`made`); the table's OpCall reports each one that starts (`started`,
 * by the call itself: the op the ref returned). The count of calls
 * made in the current step and not started is the kernel's `opsUnrun`;
 * the kernel asks `endStep(thread, threads)` only after a step that left
 * it above 0: a call made in that step that neither started nor became a
 * thread's body (spawn takes a body function, which may return a ref's
 * generator call) is a MissingYieldError naming the thread and
 * object.method. Calls made in kernel context (setup, sim.at) are not
 * judged: a thread may run them.
 *
 * Cost (on every generator call; docs/BENCHMARKS.md has the measurement):
 * a call made stores three slots in reused arrays and bumps the count; a
 * call started finds its slot (the last one, for `yield* ref.m()`) and
 * lowers it; the kernel compares the count with 0 once per step. No
 * allocation, and no call at a step's end, on a correct run.
 *
 * Invariants: `opsUnrun` = slots made and not started; when it reaches 0
 * the slots are forgotten, and endStep forgets them too, so the arrays hold
 * at most one step's calls. Slots past `made` are stale and never read.
 */
import type { Thread } from '../kernel/index.ts';
import type { TableEntry } from './table-entry.ts';
import { MissingYieldError } from './table-errors.ts';

/** The kernel's count of calls made and not started in the current step. */
export interface UnrunCount {
  opsUnrun: number;
}

export class UnrunOps {
  /** Slots used: generator calls made by the running thread in its current step. */
  private made_ = 0;
  /** Each call made (its OpCall, or what the ref returned); null once it started. */
  private readonly ops: (object | null)[] = [];
  private readonly entries: TableEntry[] = [];
  private readonly methods: string[] = [];

  constructor(private readonly count: UnrunCount) {}

  made(op: object, entry: TableEntry, method: string, thread: Thread | null): void {
    if (thread === null) return;
    const i = this.made_++;
    this.ops[i] = op;
    this.entries[i] = entry;
    this.methods[i] = method;
    this.count.opsUnrun++;
  }

  started(op: object): void {
    for (let i = this.made_ - 1; i >= 0; i--) {
      if (this.ops[i] !== op) continue;
      this.ops[i] = null;
      if (--this.count.opsUnrun === 0) this.made_ = 0;
      return;
    }
  }

  /** The mistake of `thread`'s step that just ended, if any; forgets the step's calls. */
  endStep(thread: Thread, threads: ReadonlyMap<number, Thread>): MissingYieldError | null {
    const n = this.made_;
    let missing = -1;
    for (let i = 0; i < n && missing < 0; i++) {
      const op = this.ops[i];
      if (op !== null && !isThreadBody(op, threads)) missing = i;
    }
    this.made_ = 0;
    this.count.opsUnrun = 0;
    return missing < 0
      ? null
      : new MissingYieldError(thread.name, this.entries[missing], this.methods[missing]);
  }
}

function isThreadBody(op: object, threads: ReadonlyMap<number, Thread>): boolean {
  for (const t of threads.values()) if (t.gen === op) return true;
  return false;
}
