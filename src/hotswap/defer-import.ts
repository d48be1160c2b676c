/**
 * deferImport: the lazy strategy's transfer step for one member (swap.ts
 * calls it in place of transferState). Exports the old state now, while
 * nothing runs in the old object, and returns it with the LazyImport
 * mediator that will import it on first use and report swap.converted.
 * The swap installs that mediator in the same atomic step as it points the
 * entry at the new implementation.
 *
 * A failed import (importState throws) comes after the swap completed, so
 * it cannot roll the swap back: the entry is pointed at the old
 * implementation again (its state untouched since the export, no call has
 * reached it since), swap.conversion-failed says so and `revoke(reason)`
 * turns the swap's handle to 'aborted' with that reason; the call goes on
 * there.
 *
 * The conversion works on a snapshot of the member (old and new parts,
 * format), so it does not depend on the old object still being there: the
 * swap may retire it first.
 */
import { describeError } from '../kernel/index.ts';
import { LazyImport } from './lazy-import.ts';
import type { SwapHost } from './swap-host.ts';
import type { SwapMember } from './swap-member.ts';
import { exportParts, transferState, type TransferParts } from './transfer-state.ts';

export interface DeferredImport {
  readonly exported: unknown[];
  readonly mediator: LazyImport;
}

export function deferImport(
  m: SwapMember,
  swap: number,
  ticks: number,
  host: Pick<SwapHost, 'bus' | 'table'>,
  revoke: (reason: string) => void,
): DeferredImport {
  const { bus, table } = host;
  const entry = m.entry;
  const back = {
    cls: m.oldCls,
    impl: m.oldImpl,
    args: entry.args,
    stubs: entry.ext?.stubs ?? null,
  };
  const exported = exportParts(m);
  const olds = m.oldParts();
  const news = m.newParts();
  const snapshot: TransferParts = {
    format: m.format,
    newImpl: m.newImpl,
    oldParts: () => olds,
    newParts: () => news,
  };
  const object = m.entry.id;
  const mediator = new LazyImport((thread, paid) => {
    let rec: ReturnType<typeof transferState>;
    try {
      rec = transferState(snapshot, exported);
    } catch (err) {
      // no rollback is left: serve on from the old object, untouched since its export
      // a destroying object is going away: its last calls go on to the new one
      if (entry.state === 'live') {
        table.retarget(entry, back.cls, back.impl, back.args);
        table.setStubs(entry, back.stubs);
      }
      const reason = `import of ${m.name} in format '${String(snapshot.format)}' failed on first use: ${describeError(err)}; the old ${back.cls.name} serves again`;
      if (bus.on) bus.emit({ type: 'swap.conversion-failed', swap, object, thread, reason });
      revoke(reason);
      return;
    }
    if (bus.on)
      bus.emit({
        type: 'swap.converted',
        swap,
        object,
        format: snapshot.format,
        exported: rec.exported,
        imported: rec.imported,
        thread,
        ticks: paid,
      });
  }, ticks);
  m.lazy = mediator;
  return { exported, mediator };
}
