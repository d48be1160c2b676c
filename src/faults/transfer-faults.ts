/**
 * transferFaults: the two fault sites inside a swap's transfer.
 *
 *   transfer-throws        the old object's exportState (or, by a coin from
 *                          the site's stream, the new object's importState)
 *                          throws before moving anything
 *   import-throws-halfway  the new object imports part of the state (the
 *                          first half of the parts, at least one) and then
 *                          throws, leaving it half filled
 *
 * They are armed from the swap's `before()` hook (kept: the scenario's own
 * before() runs first and may still veto), by patching the method on the
 * instance for one transfer; a patched old object's method restores itself
 * when it throws, so the old object, which keeps serving after the rollback,
 * is left exactly as it was. The swap must abort with the injected error in
 * its reason, and the old object must serve on: nothing lost.
 */
import type { Swap, SwapMember, SwapOptions } from '../hotswap/index.ts';
import type { TransferContext } from '../translation-table/index.ts';
import { InjectedFault } from './injected-fault.ts';
import type { FaultSite } from './fault-site.ts';

type TransferMethod = 'exportState' | 'importState';
type Note = (site: FaultSite, detail: string) => void;

function partsOf(impl: unknown): object[] {
  if (Array.isArray(impl)) return impl.filter((x): x is object => x !== undefined);
  return impl === null || impl === undefined ? [] : [impl];
}

/** Replace `method` on the instance; returns the function that puts it back. */
function patch(
  target: object,
  method: TransferMethod,
  make: (original: Function) => Function,
): () => void {
  const own = Object.prototype.hasOwnProperty.call(target, method);
  const record = target as Record<string, unknown>;
  const before = record[method] as Function;
  record[method] = make(before);
  return () => {
    if (own) record[method] = before;
    else delete record[method];
  };
}

function armThrow(m: SwapMember, site: FaultSite, swap: number, note: Note): void {
  const side: TransferMethod = site.random.chance(0.5) ? 'exportState' : 'importState';
  const target = partsOf(side === 'exportState' ? m.oldImpl : m.newImpl)[0];
  if (target === undefined) return;
  note(site, `swap ${swap}: ${m.name}.${side} will throw`);
  const restore = patch(target, side, () => () => {
    restore();
    throw new InjectedFault(site.name, `${side} of ${m.name} threw (swap ${swap})`);
  });
}

function armHalfway(m: SwapMember, site: FaultSite, swap: number, note: Note): void {
  const parts = partsOf(m.newImpl);
  note(site, `swap ${swap}: ${m.name}.importState will throw half way`);
  for (const part of parts) {
    patch(
      part,
      'importState',
      (original) =>
        function (this: unknown, format: string, state: unknown, ctx: TransferContext) {
          original.call(this, format, state, ctx);
          if (ctx.index === Math.floor((ctx.count - 1) / 2)) {
            throw new InjectedFault(
              site.name,
              `importState of ${m.name} threw after importing part ${ctx.index + 1} of ${ctx.count} (swap ${swap})`,
            );
          }
        },
    );
  }
}

/** The swap options with the transfer faults armed in before(); `swap()` gives the handle. */
export function withTransferFaults(
  options: SwapOptions,
  swap: () => Swap | null,
  sites: { throws: FaultSite; halfway: FaultSite },
  note: Note,
): SwapOptions {
  if (!sites.throws.active && !sites.halfway.active) return options;
  return {
    ...options,
    before: (ctx) => {
      const veto = options.before?.(ctx);
      if (typeof veto === 'string') return veto;
      const s = swap();
      for (const m of s?.members ?? []) {
        if (m.format === null) continue;
        if (sites.throws.fires()) armThrow(m, sites.throws, ctx.swap, note);
        else if (sites.halfway.fires()) armHalfway(m, sites.halfway, ctx.swap, note);
      }
      return veto;
    },
  };
}
