/**
 * EVENT_SCHEMAS: each declared event type (EVENT_FIELDS, event-fields.ts)
 * as the event hash walks a built event of it (event-stream-hasher.ts `add`): its
 * field names and kinds in the declared order, and the set of keys it may
 * carry (the declared ones plus type, tick and seq; any other own key is
 * hashed as an extra field). Also `Shape`, the sorted keys of the last
 * object shape seen for one event type, with `sameKeys` to check it.
 *
 * Invariant: built once at load from EVENT_FIELDS, never changed.
 */
import { EVENT_FIELDS, type FieldKind } from './event-fields.ts';

/** One declared event type as `add` walks it. */
export interface Schema {
  readonly names: readonly string[];
  readonly kinds: readonly FieldKind[];
  /** Declared names plus type, tick and seq: an event's own keys outside it are extra. */
  readonly known: ReadonlySet<string>;
}

export const EVENT_SCHEMAS: ReadonlyMap<string, Schema> = new Map<string, Schema>(
  Object.entries(EVENT_FIELDS).map(([type, fields]) => {
    const names = Object.keys(fields);
    const kinds = Object.values(fields as Record<string, FieldKind>);
    return [type, { names, kinds, known: new Set([...names, 'type', 'tick', 'seq']) }];
  }),
);

/** Sorted field names of the last event shape seen for one event type. */
export interface Shape {
  keys: string[];
  sorted: string[];
}

export function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
