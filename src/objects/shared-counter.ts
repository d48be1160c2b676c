/**
 * SharedCounter: one integer counter shared by every CPU (K42
 * SharedIntCtr). Every inc() from every CPU touches the same cell, which on
 * real hardware is a contended cache line; PartitionedCounter is the cure.
 *
 * Interface (plain, atomic calls): inc(), add(n), value().
 *
 * Transfer (see counter-formats.ts): exports 'canonical-ref' (its cell, by
 * reference) and 'canonical-val'; imports 'partitioned-val',
 * 'canonical-ref', 'canonical-val'. An import replaces the value with the
 * first part (ctx.index 0) and adds every later part, so the per-CPU parts
 * of a partitioned counter add up to its total.
 */
import type { TransferContext } from '../translation-table/index.ts';
import {
  CANONICAL_REF,
  CANONICAL_VAL,
  PARTITIONED_VAL,
  partValue,
  type CounterCell,
} from './counter-formats.ts';

export class SharedCounter {
  private readonly cell: CounterCell = { value: 0 };

  inc(): void {
    this.cell.value++;
  }

  add(n: number): void {
    if (!Number.isFinite(n))
      throw new TypeError(`SharedCounter.add: n must be a finite number, got ${n}`);
    this.cell.value += n;
  }

  value(): number {
    return this.cell.value;
  }

  exportFormats(): readonly string[] {
    return [CANONICAL_REF, CANONICAL_VAL];
  }

  exportState(format: string): unknown {
    return format === CANONICAL_REF ? this.cell : this.cell.value;
  }

  importFormats(): readonly string[] {
    return [PARTITIONED_VAL, CANONICAL_REF, CANONICAL_VAL];
  }

  importState(format: string, part: unknown, ctx: TransferContext): void {
    const v = partValue(format, part);
    this.cell.value = ctx.index === 0 ? v : this.cell.value + v;
  }
}
