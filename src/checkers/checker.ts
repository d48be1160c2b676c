/**
 * Checker: an invariant observer that reads the event stream alone
 * (docs/ARCHITECTURE.md, "Checkers"). It never takes a simulation decision; it only
 * reports. A CheckerSet feeds it the events of the types it lists and gives
 * it `report(message)` to call when the invariant breaks; the set keeps the
 * first violation of each checker, with its tick, seq and event window.
 *
 * Interface:
 *   name           short id used in reports ('calls', 'versions', ...)
 *   types          the event types it reads (the set dispatches by type)
 *   observe(e, r)  one event; call r(message) on a violation (r(message, at)
 *                  when it happened at an earlier event `at`)
 *   end(r)         the run is over: report what is still wrong
 *   notes()        what it could not check, or what is still open (in-flight
 *                  calls, unchecked transfers): information, not violations
 */
import type { SimulationEventType } from '../simulation/index.ts';
import type { CheckedEvent } from './violation.ts';

/**
 * Report a violation. `at` names the event where it happened when that is
 * not the event being observed (a verdict that had to wait for later events).
 */
export type ReportViolation = (message: string, at?: CheckedEvent) => void;

export interface Checker {
  readonly name: string;
  readonly types: readonly SimulationEventType[];
  observe(event: CheckedEvent, report: ReportViolation): void;
  end(report: ReportViolation): void;
  notes(): readonly string[];
}

/** Narrow a checked event to one type (for checkers' switch arms). */
export type EventOf<T extends SimulationEventType> = Extract<CheckedEvent, { type: T }>;
