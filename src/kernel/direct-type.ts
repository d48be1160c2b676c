/**
 * DirectType: the event type of a direct emitter (event-bus.ts, "Direct
 * emitters"), made once when its module loads: the type's name and a small
 * slot number. The event hash keeps, per run, the type's symbol id in that
 * slot (simulation/events-hash.ts), so starting a direct event costs an
 * array read, not a Map lookup by name.
 *
 * Interface: `directType(name)` -> DirectType { name, slot }. Slots are
 * numbered in the order the types are made, from 0, at most
 * DIRECT_TYPES_MAX of them.
 *
 * Invariant: a slot only caches what the name gives: the hash's bytes are
 * those of the name as a symbol, whatever the slot numbers (symbol ids
 * follow the order names first occur in a run, not the slots).
 */
import { panic } from './panic.ts';

/** Slots a hash's cache holds; directType panics past it. */
export const DIRECT_TYPES_MAX = 64;

export class DirectType {
  constructor(
    readonly name: string,
    readonly slot: number,
  ) {}
}

let slots = 0;

/** A direct emitter's event type: call once per type, at module load. */
export function directType(name: string): DirectType {
  if (slots >= DIRECT_TYPES_MAX)
    panic('directType', `more than ${DIRECT_TYPES_MAX} direct event types ('${name}')`);
  return new DirectType(name, slots++);
}
