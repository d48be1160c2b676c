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
  readonly oldImpl: Impl;
  readonly oldVersion: number;
  newImpl: Impl | null = null;
  format: string | null = null;
  mediator: Mediator | null = null;

  constructor(
    readonly entry: TableEntry,
    readonly newCls: Function,
  ) {
    this.oldCls = entry.cls;
    this.oldImpl = entry.clustered ? [...entry.reps!] : entry.target!;
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
    const cpus = this.oldParts().map((p) => (p.cpu < 0 ? 0 : p.cpu));
    const reps: (object | undefined)[] = [];
    for (const cpu of cpus.length > 0 ? cpus : [0]) reps[cpu] = table.construct(this.newCls, args);
    this.newImpl = reps;
  }
}

function partsOf(impl: Impl): { impl: object; cpu: number }[] {
  if (!Array.isArray(impl)) return [{ impl, cpu: -1 }];
  return impl.flatMap((r, cpu) => (r === undefined ? [] : [{ impl: r, cpu }]));
}
