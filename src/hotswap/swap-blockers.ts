/**
 * Swap blockers: who holds a swap up, as a report and as one line.
 *
 *   threadBlockers(kernel, ids)  the threads (by id) with the calls they are
 *                                inside and since when (a swap in block waits
 *                                for the threads with tracked calls)
 *   describeBlockers(list)       "blocked by thread 3 'hog' on cpu 1 inside
 *                                journal.compact since tick 1; ..."
 */
import type { Kernel } from '../kernel/index.ts';
import type { BlockerReport } from './swap-events.ts';

export function threadBlockers(kernel: Kernel, ids: readonly number[]): BlockerReport[] {
  return ids.flatMap((id) => {
    const t = kernel.threads.get(id);
    if (!t) return [];
    const calls = t.frames.map((c) => ({
      call: c.id,
      object: c.objectName,
      method: c.method,
      sinceTick: c.tickEntered,
    }));
    return [{ thread: id, name: t.name, cpu: t.cpu, ageTicks: kernel.now - t.tickSpawned, calls }];
  });
}

export function describeBlockers(blockers: readonly BlockerReport[]): string {
  if (blockers.length === 0) return 'no blockers';
  const list = blockers.map((b) => {
    const inside = b.calls.length
      ? ` inside ${b.calls.map((c) => `${c.object}.${c.method} since tick ${c.sinceTick}`).join(' > ')}`
      : '';
    return `thread ${b.thread} '${b.name}' on cpu ${b.cpu}${inside}`;
  });
  return `blocked by ${list.join('; ')}`;
}
