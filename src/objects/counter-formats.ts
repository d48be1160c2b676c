/**
 * Counter transfer formats: how a counter's value moves between SharedCounter
 * and PartitionedCounter (K42 usr/intctr.*, DTType ids in brackets; K42
 * prefers the lowest id, we list formats best first).
 *
 *   'partitioned-val' [1]  one part per CPU rep: that CPU's count (a number);
 *                          the importer adds the parts up
 *   'partitioned-ref' [2]  one part per CPU rep: a reference to that rep's
 *                          cell ({ value }); the importer reads and adds it
 *   'canonical-ref'   [3]  one part: a reference to the whole counter's cell
 *                          (K42 passes a pointer to the value, no copy)
 *   'canonical-val'   [4]  one part: the whole value as a number (a clustered
 *                          exporter sends the total from its first rep and 0
 *                          from the others, so the parts still add up)
 *
 * Negotiation: by K42's rule (negotiation 'k42' with COUNTER_FORMAT_IDS, the
 * lowest common id) and by the importer's preference alike, shared ->
 * partitioned meets at 'canonical-ref' (3), partitioned -> shared at
 * 'partitioned-val' (1).
 */
export const PARTITIONED_VAL = 'partitioned-val';
export const PARTITIONED_REF = 'partitioned-ref';
export const CANONICAL_REF = 'canonical-ref';
export const CANONICAL_VAL = 'canonical-val';

/** K42's DTType ids for the counter formats, for negotiation 'k42' (lowest id wins). */
export const COUNTER_FORMAT_IDS: Readonly<Record<string, number>> = {
  [PARTITIONED_VAL]: 1,
  [PARTITIONED_REF]: 2,
  [CANONICAL_REF]: 3,
  [CANONICAL_VAL]: 4,
};

/** The mutable cell a counter keeps its value in; the '-ref' formats pass it. */
export interface CounterCell {
  value: number;
}

/** The value a counter transfer part carries, whatever its format. */
export function partValue(format: string, part: unknown): number {
  const v =
    format === PARTITIONED_REF || format === CANONICAL_REF ? (part as CounterCell).value : part;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new TypeError(
      `counter import: a '${format}' part must carry a finite number, got ${JSON.stringify(v)}`,
    );
  }
  return v;
}
