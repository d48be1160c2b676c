/**
 * deepEqual: structural equality of plain data (what transfer formats carry),
 * the transfer checker's default comparison. It is Node's own
 * `util.isDeepStrictEqual`: primitives by Object.is (so NaN equals NaN),
 * arrays and objects by their own enumerable keys and prototypes, Maps and
 * Sets by their entries (in any order), Dates by time, cycles handled.
 * A format whose order matters carries it in an array.
 */
import { isDeepStrictEqual } from 'node:util';

export function deepEqual(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(a, b);
}
