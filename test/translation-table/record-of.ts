/**
 * recordOf: the fields a reader of a Call record sees, as one plain object
 * (OpCall keeps some of them elsewhere: docs/ARCHITECTURE.md, "The call
 * record's layout"), with a copy of its arguments. Shared by the OpCall
 * tests (op-call.test.ts, op-call-reuse.test.ts).
 */
import type { Call } from 'kernel-sim';

export function recordOf(c: Call) {
  return {
    kind: c.kind,
    id: c.id,
    thread: c.thread,
    threadName: c.threadName,
    reached: c.reached,
    version: c.version,
    impl: c.impl,
    result: c.result,
    error: c.error,
    tickEntered: c.tickEntered,
    tickExited: c.tickExited,
    stats: c.stats,
    cpu: c.cpu,
    args: [...c.args],
  };
}
