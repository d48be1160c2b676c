/**
 * Violation: what a checker reports when an invariant breaks: which checker,
 * at which tick and event (seq), in which run (seed), what went wrong, and a
 * small window of the events around it (a few before, the one that broke the
 * invariant, a few after), so the report reads without re-running.
 *
 * `formatViolation(v)` renders it for people: one headline, then the window,
 * one event a line, the offending event marked with `>`.
 */
import type { Stamped } from '../kernel/index.ts';
import type { SimulationEvent } from '../simulation/index.ts';

export type CheckedEvent = Stamped<SimulationEvent>;

export interface Violation {
  /** The checker that found it ('calls', 'versions', 'quiescence', ...). */
  readonly checker: string;
  readonly seed: number;
  readonly tick: number;
  /** seq of the event at which the invariant broke (-1 at the end of a run). */
  readonly seq: number;
  readonly message: string;
  /** Events around it, in order; filled in as the following events arrive. */
  readonly window: CheckedEvent[];
}

/** One event as a short line: `tick seq type field=value ...`. */
export function formatEvent(e: CheckedEvent): string {
  const fields = Object.entries(e)
    .filter(([k]) => k !== 'type' && k !== 'tick' && k !== 'seq')
    .map(([k, v]) => `${k}=${short(v)}`);
  return `t${e.tick} #${e.seq} ${e.type} ${fields.join(' ')}`.trimEnd();
}

function short(v: unknown): string {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

export function formatViolation(v: Violation): string {
  const head = `[${v.checker}] tick ${v.tick}, seed ${v.seed}: ${v.message}`;
  const lines = v.window.map((e) => `  ${e.seq === v.seq ? '>' : ' '} ${formatEvent(e)}`);
  return [head, ...lines].join('\n');
}
