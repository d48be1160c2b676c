/**
 * PartitionedCounter: a counter with one rep per CPU (K42
 * PartitionedIntCtr, a clustered object). inc() and add(n) touch only the
 * calling CPU's rep, so CPUs never share a cell; value() sums every rep
 * through the cluster view (cheap writes, costly reads).
 *
 * Interface (plain, atomic calls): inc(), add(n), value(); the same as
 * SharedCounter, so either can replace the other.
 *
 * Transfer (see counter-formats.ts), one export or import per rep:
 *   exports 'partitioned-val' (this rep's count), 'partitioned-ref' (this
 *     rep's cell), 'canonical-val' (the total from the first rep, ctx.index
 *     0, and 0 from the others);
 *   imports 'partitioned-val', 'partitioned-ref', 'canonical-ref',
 *     'canonical-val'. A per-CPU part is added to the rep on its CPU; a
 *     canonical (whole) value is taken by one rep only, the one importing
 *     part 0, so it is never counted twice.
 * With SharedCounter this reproduces K42's negotiation: shared ->
 * partitioned meets at 'canonical-ref', partitioned -> shared at
 * 'partitioned-val'.
 *
 * Invariant: the counter's value is the sum of its reps' cells.
 */
import { ClusteredObject, type TransferContext } from '../translation-table/index.ts';
import {
  CANONICAL_REF,
  CANONICAL_VAL,
  PARTITIONED_REF,
  PARTITIONED_VAL,
  partValue,
  type CounterCell,
} from './counter-formats.ts';

export class PartitionedCounter extends ClusteredObject<PartitionedCounter> {
  private readonly cell: CounterCell = { value: 0 };

  inc(): void {
    this.cell.value++;
  }

  add(n: number): void {
    if (!Number.isFinite(n))
      throw new TypeError(`PartitionedCounter.add: n must be a finite number, got ${n}`);
    this.cell.value += n;
  }

  value(): number {
    let sum = 0;
    for (const rep of this.cluster.reps()) sum += rep.cell.value;
    return sum;
  }

  /** This rep's own count (not a method: getters are not part of the swappable interface). */
  get local(): number {
    return this.cell.value;
  }

  exportFormats(): readonly string[] {
    return [PARTITIONED_VAL, PARTITIONED_REF, CANONICAL_VAL];
  }

  exportState(format: string, ctx: TransferContext): unknown {
    if (format === PARTITIONED_REF) return this.cell;
    if (format === CANONICAL_VAL) return ctx.index === 0 ? this.value() : 0;
    return this.cell.value;
  }

  importFormats(): readonly string[] {
    return [PARTITIONED_VAL, PARTITIONED_REF, CANONICAL_REF, CANONICAL_VAL];
  }

  importState(format: string, part: unknown, ctx: TransferContext): void {
    const whole = format === CANONICAL_REF || format === CANONICAL_VAL;
    if (whole && ctx.index !== 0) return;
    this.cell.value += partValue(format, part);
  }
}
