/**
 * oldCallThreads(kernel, entries): the threads with a call in flight in one
 * of these objects that has reached an implementation (so not a held call),
 * found by walking every thread's call stack. block-all waits for this list
 * to empty: the calls that entered before the swap and bypassed its
 * mediator. Deterministic: threads in id order.
 */
import type { Kernel } from '../kernel/index.ts';
import type { Call, TableEntry } from '../translation-table/index.ts';

export function oldCallThreads(kernel: Kernel, entries: readonly TableEntry[]): number[] {
  const ids: number[] = [];
  for (const [id, t] of kernel.threads) {
    const inside = t.frames.some((f) => {
      const c = f as Call;
      return c.reached > 0 && entries.includes(c.entry);
    });
    if (inside) ids.push(id);
  }
  return ids.sort((a, b) => a - b);
}
