/**
 * SwapMember: one object of a swap (a single swap has one, a unit several):
 * its entry, the old and new classes and implementations, the negotiated
 * format and the hot-swap mediator installed in front of it.
 */
import type { TableEntry, TranslationTable } from '../translation-table/index.ts';
import { isClusteredClass } from '../translation-table/index.ts';
import type { Mediator } from '../translation-table/index.ts';

export type Impl = object | (object | undefined)[];

export class SwapMember {
  readonly oldCls: Function;
  /** The old implementation; for a clustered object re-read at transfer (reps made during the swap count). */
  oldImpl: Impl;
  readonly oldVersion: number;
  newImpl: Impl | null = null;
  format: string | null = null;
  mediator: Mediator | null = null;
  /** Lazy strategy: the import deferred to first use; calls the mediator let through go via it. */
  lazy: Mediator | null = null;

  constructor(
    readonly entry: TableEntry,
    readonly newCls: Function,
  ) {
    this.oldCls = entry.cls;
    this.oldImpl = entry.clustered ? [...(entry.reps ?? [])] : entry.target!;
    this.oldVersion = entry.version;
  }

  get name(): string {
    return this.entry.name;
  }

  /** The old implementation's parts: the target, or each rep with its CPU. */
  oldParts(): { impl: object; cpu: number }[] {
    return partsOf(this.oldImpl);
  }

  newParts(): { impl: object; cpu: number }[] {
    return this.newImpl === null ? [] : partsOf(this.newImpl);
  }

  /** Build the new implementation: one object, or reps on the CPUs the old one had (CPU 0 if none). */
  build(table: TranslationTable, args: readonly unknown[]): void {
    if (!isClusteredClass(this.newCls)) {
      this.newImpl = table.construct(this.newCls, args);
      return;
    }
    this.newImpl = [];
    this.buildReps(table, args);
  }

  /**
   * At transfer: re-read the old reps (a CPU that first called the object
   * during the swap made one) and give the new side a rep on each of their
   * CPUs, each with its cluster view, so importState can use it.
   */
  refresh(table: TranslationTable, args: readonly unknown[]): void {
    if (this.entry.clustered) this.oldImpl = [...(this.entry.reps ?? [])];
    if (Array.isArray(this.newImpl)) this.buildReps(table, args);
  }

  private buildReps(table: TranslationTable, args: readonly unknown[]): void {
    const reps = this.newImpl as (object | undefined)[];
    const cpus = this.oldParts().map((p) => (p.cpu < 0 ? 0 : p.cpu));
    for (const cpu of cpus.length > 0 ? cpus : [0]) {
      if (reps[cpu] !== undefined) continue;
      const rep = table.construct(this.newCls, args);
      reps[cpu] = rep;
      table.attachCluster(reps, rep, cpu);
    }
  }

  /**
   * Forget both implementations once the swap is over (the old one retired a
   * generation after completion, or the new one discarded by a rollback):
   * the table entry holds the one that serves, and a long run must not keep
   * every swapped-out implementation alive through its swap records.
   */
  forgetImpls(): void {
    this.oldImpl = [];
    this.newImpl = null;
    this.mediator = null;
  }

  /** One instance of the old class to ask for its formats, when it has no rep yet. */
  sampleOld(table: TranslationTable): object {
    const part = this.oldParts()[0];
    if (part) return part.impl;
    const reps: (object | undefined)[] = [];
    const rep = table.construct(this.oldCls, this.entry.args);
    table.attachCluster(reps, rep, 0);
    return rep;
  }
}

function partsOf(impl: Impl): { impl: object; cpu: number }[] {
  if (!Array.isArray(impl)) return [{ impl, cpu: -1 }];
  return impl.flatMap((r, cpu) => (r === undefined ? [] : [{ impl: r, cpu }]));
}
