/**
 * directEnteredArgs: a call.entered event hashed field by field (like
 * directEntered, call-events-direct.ts) for a call whose arguments come one
 * by one (up to 4): the args field is hashed as the array they would make
 * (EventFields.items, then each item), so the generated refs' plain calls
 * build no argument array when only the event hash listens. One call to
 * the sink's fused form (FusedEvents.callEnteredArgs).
 *
 * Interface: `directEnteredArgs(d, call, entry, method, thread, cpu, n,
 * a0..a3)`, the first n of a0..a3 being the arguments. The bytes are those
 * of directEntered with `[a0, ..., a(n-1)]`
 * (test/translation-table/call-entered-args.test.ts compares them).
 */
import type { DirectEvents } from '../kernel/index.ts';
import type { TableEntry } from './table-entry.ts';
import { CALL_ENTERED } from './call-events-direct.ts';

/** call, object, objectName, method, thread, cpu, args (n of a0..a3) */
export function directEnteredArgs(
  d: DirectEvents,
  call: number,
  entry: TableEntry,
  method: string,
  thread: number,
  cpu: number,
  n: number,
  a0: unknown,
  a1: unknown,
  a2: unknown,
  a3: unknown,
): void {
  d.stamp().callEnteredArgs(CALL_ENTERED, call, entry, method, thread, cpu, n, a0, a1, a2, a3);
}
