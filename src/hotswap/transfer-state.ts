/**
 * transferState: move one member's state from the old implementation to the
 * new one in the negotiated format (K42 dataTransferExport / Import, one
 * worker per VP).
 *
 * Old clustered: each rep exports its part; new clustered: the rep on the
 * same CPU imports it (a single old object's state goes to the first new
 * rep). New single: it imports every part, in CPU order (the format says
 * whether parts add up or replace). `ctx` tells each call its CPU and place.
 *
 * Returns the exported parts and, when the new object can export the same
 * format, its state exported again after import (for the state-preservation
 * checker). The re-export happens whether or not anything observes the run,
 * so observing never changes which user code runs. Export must not change the old object: a transfer that throws
 * leaves the old object serving, untouched.
 */
import type { StateTransfer, TransferContext } from '../translation-table/index.ts';
import type { SwapMember } from './swap-member.ts';

export interface TransferRecord {
  readonly exported: unknown[];
  readonly imported: unknown[] | null;
}

/** What a transfer reads of its member (the lazy strategy passes a snapshot). */
export type TransferParts = Pick<SwapMember, 'format' | 'newImpl' | 'oldParts' | 'newParts'>;

/** Each old part's exported state (export must not change the old object). */
export function exportParts(m: TransferParts): unknown[] {
  const format = m.format;
  if (format === null) return [];
  const olds = m.oldParts();
  const ctx = contextOf(m);
  return olds.map((p, i) => (p.impl as StateTransfer).exportState!(format, ctx(p.cpu, i)));
}

function contextOf(m: TransferParts): (cpu: number, index: number) => TransferContext {
  const olds = m.oldParts();
  const cpus = olds.map((p) => p.cpu).filter((c) => c >= 0);
  return (cpu, index) => ({ cpu, cpus, index, count: olds.length });
}

/**
 * Export, import, re-export. `exportedBefore` (planted bug
 * 'transfer-drops-last-write' only) is an export taken earlier, used in place
 * of a fresh one when it has as many parts.
 */
export function transferState(m: TransferParts, exportedBefore?: unknown[]): TransferRecord {
  const format = m.format;
  if (format === null) return { exported: [], imported: null };
  const olds = m.oldParts();
  const ctx = contextOf(m);
  const exported =
    exportedBefore !== undefined && exportedBefore.length === olds.length
      ? exportedBefore
      : exportParts(m);
  const news = m.newParts();
  if (Array.isArray(m.newImpl)) {
    olds.forEach((p, i) => {
      const target = news.find((n) => n.cpu === p.cpu) ?? news[0];
      (target.impl as StateTransfer).importState!(format, exported[i], ctx(target.cpu, i));
    });
  } else {
    const target = m.newImpl as StateTransfer;
    olds.forEach((p, i) => target.importState!(format, exported[i], ctx(p.cpu, i)));
  }
  const canReexport = news.every((n) =>
    (n.impl as StateTransfer).exportFormats?.().includes(format),
  );
  const imported = canReexport
    ? news.map((n, i) => (n.impl as StateTransfer).exportState!(format, ctx(n.cpu, i)))
    : null;
  return { exported, imported };
}
