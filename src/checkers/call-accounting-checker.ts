/**
 * CallAccountingChecker ('calls'): no call is lost or duplicated.
 *
 * Guarantees checked, from call.entered / call.reached / call.exited and
 * thread.exited alone:
 *   - every call.entered has exactly one call.exited, on the same thread;
 *     a call still in flight when the run ends is not a violation but is
 *     listed (with its thread) by `notes()` and `inFlight()`;
 *   - a call id is entered once (a second call.entered is a duplicate);
 *   - calls exit in nesting order on their thread (the innermost first);
 *   - a call reaches an implementation only while in flight, and at most
 *     `reachesPerCallMax` times (default 1; a mediator that forwards the
 *     same call twice on purpose raises it);
 *   - a thread never exits while a call of its own is in flight (the call
 *     would be lost: the table must report it exited, with its error).
 */
import type { Checker, EventOf, ReportViolation } from './checker.ts';
import type { CheckedEvent } from './violation.ts';

export interface InFlightCall {
  readonly call: number;
  readonly thread: number;
  readonly object: number;
  readonly objectName: string;
  readonly method: string;
  readonly sinceTick: number;
}

type Entered = Extract<CheckedEvent, { type: 'call.entered' }>;

export interface CallAccountingOptions {
  /** How many times one call may reach an implementation. Default 1. */
  readonly reachesPerCallMax?: number;
}

export class CallAccountingChecker implements Checker {
  readonly name = 'calls';
  readonly types = ['call.entered', 'call.reached', 'call.exited', 'thread.exited'] as const;
  /** Calls in flight: their call.entered event. */
  private readonly open = new Map<number, Entered>();
  private readonly closed = new Set<number>();
  /** Calls in flight that reached an implementation more than zero times: how many. */
  private readonly reaches = new Map<number, number>();
  /** Thread id -> its calls in flight, innermost last. */
  private readonly stacks = new Map<number, number[]>();
  private readonly reachesMax: number;

  constructor(options: CallAccountingOptions = {}) {
    this.reachesMax = options.reachesPerCallMax ?? 1;
  }

  observe(e: CheckedEvent, report: ReportViolation): void {
    switch (e.type) {
      case 'call.entered':
        return this.entered(e, report);
      case 'call.reached':
        return this.reached(e, report);
      case 'call.exited':
        return this.exited(e, report);
      case 'thread.exited':
        return this.threadExited(e, report);
    }
  }

  private entered(e: EventOf<'call.entered'>, report: ReportViolation): void {
    if (this.open.has(e.call) || this.closed.has(e.call)) {
      report(`call ${e.call} (${e.objectName}.${e.method}) entered twice: duplicated`);
      return;
    }
    this.open.set(e.call, e);
    let stack = this.stacks.get(e.thread);
    if (stack === undefined) this.stacks.set(e.thread, (stack = []));
    stack.push(e.call);
  }

  private reached(e: EventOf<'call.reached'>, report: ReportViolation): void {
    const c = this.open.get(e.call);
    if (c === undefined) {
      const when = this.closed.has(e.call) ? 'after it exited' : 'without having entered';
      report(`call ${e.call} reached ${e.impl} v${e.version} (object ${e.object}) ${when}`);
      return;
    }
    const n = (this.reaches.get(e.call) ?? 0) + 1;
    this.reaches.set(e.call, n);
    if (n > this.reachesMax) {
      report(
        `call ${e.call} (${c.objectName}.${c.method}, thread ${c.thread}) reached an implementation ${n} times: duplicated`,
      );
    }
  }

  private exited(e: EventOf<'call.exited'>, report: ReportViolation): void {
    const c = this.open.get(e.call);
    if (c === undefined) {
      const what = this.closed.has(e.call)
        ? 'exited twice: duplicated'
        : 'exited without having entered';
      report(`call ${e.call} (${e.method}, thread ${e.thread}) ${what}`);
      return;
    }
    this.open.delete(e.call);
    this.reaches.delete(e.call);
    this.closed.add(e.call);
    if (e.thread !== c.thread)
      report(`call ${e.call} entered on thread ${c.thread} but exited on thread ${e.thread}`);
    const stack = this.stacks.get(c.thread)!;
    const top = stack[stack.length - 1];
    if (top !== e.call)
      report(
        `call ${e.call} (${c.objectName}.${c.method}) exited while call ${top} entered after it on thread ${c.thread} is still in flight`,
      );
    if (top === e.call) stack.pop();
    else stack.splice(stack.lastIndexOf(e.call), 1);
  }

  private threadExited(e: EventOf<'thread.exited'>, report: ReportViolation): void {
    const stack = this.stacks.get(e.thread);
    this.stacks.delete(e.thread);
    if (stack === undefined || stack.length === 0) return;
    const lost = stack.map((id) => this.describe(this.inFlightOf(this.open.get(id)!)));
    report(
      `thread ${e.thread} exited with ${stack.length} call(s) in flight, never exited: lost (${lost.join('; ')})`,
    );
    for (const id of stack) this.open.delete(id);
  }

  private inFlightOf(e: Entered): InFlightCall {
    return {
      call: e.call,
      thread: e.thread,
      object: e.object,
      objectName: e.objectName,
      method: e.method,
      sinceTick: e.tick,
    };
  }

  private describe(c: InFlightCall): string {
    return `call ${c.call} ${c.objectName}.${c.method} since tick ${c.sinceTick}`;
  }

  end(_report: ReportViolation): void {}

  /** Calls entered and not exited, oldest first. */
  inFlight(): InFlightCall[] {
    return [...this.open.values()].map((e) => this.inFlightOf(e));
  }

  notes(): string[] {
    return this.inFlight().map(
      (c) => `in flight at the end: ${this.describe(c)} on thread ${c.thread}`,
    );
  }
}
