/**
 * EventHashSink: what the event bus folds every event into when the event
 * hash is on (simulation/events-hash.ts implements it). The bus calls it
 * directly, before any rxjs observer and whether or not one subscribes.
 *
 * Interface: `add(event)` hashes a built event; `beginEvent(fields)` then
 * `field(key, value)` once per field hash the same event without building
 * it: the fields (stamp included) must come in sorted key order, so that
 * the bytes are those `add` would hash for the object with those fields
 * (test/simulation/direct-events.test.ts compares the two for every event
 * type with a direct emitter).
 */
export interface EventHashSink {
  add(event: unknown): void;
  /** Start one event of `fields` fields, `tick`, `seq` and `type` included. */
  beginEvent(fields: number): void;
  field(key: string, value: unknown): void;
}
