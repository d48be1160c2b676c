/**
 * aliveReason: the reason a run that did not finish gives (liveness): a
 * head line, then the live non-daemon threads with their state and the calls
 * they are inside (the first few, then how many more).
 */
import type { Thread } from './thread.ts';

const REPORT_THREADS_MAX = 8;

export function aliveReason(
  head: string,
  threads: Iterable<Thread>,
  isDaemon: (id: number) => boolean,
): string {
  const alive = [...threads].filter((t) => !isDaemon(t.id));
  const shown = alive.slice(0, REPORT_THREADS_MAX).map((t) => t.describe());
  const more = alive.length > shown.length ? `, and ${alive.length - shown.length} more` : '';
  return `${head}; ${alive.length} thread(s) alive: ${shown.join('; ')}${more}`;
}
