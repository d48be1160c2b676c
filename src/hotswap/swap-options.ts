/**
 * SwapOptions: what a caller of hotswap can say about one swap.
 *
 *   timeoutTicks  abort (roll back) if not complete this many ticks after the request
 *   stubs         method-type stubs: { oldMethod: (newTarget) => function with the
 *                 old signature }; they stay in the entry after the swap
 *   before(ctx)   called at the start of transfer, the point of no return;
 *                 returning a string vetoes the swap (rolled back, the string is the reason)
 *   after(ctx)    called when the swap completes
 *   args          constructor arguments for the new implementation (default: the
 *                 object's own creation arguments)
 *   oldObject     'destroy' (default: after a further generation) or 'keep'
 *   transferTicks ticks the transfer phase takes (default 1)
 *   stallTicks    emit swap.stalled with the blockers if a phase lasts longer (default 1000; 0 = never)
 */
import type { MethodKeys } from '../translation-table/index.ts';

export type StubsFor<Old, New> = { readonly [K in MethodKeys<Old>]?: (target: New) => Old[K] };

export interface SwapContext {
  readonly swap: number;
  readonly objects: readonly string[];
  /** Negotiated format per object (null = stateless). */
  readonly formats: readonly (string | null)[];
  readonly tick: number;
}

export interface SwapOptions<Old = any, New = any> {
  readonly timeoutTicks?: number;
  readonly stubs?: StubsFor<Old, New>;
  readonly before?: (ctx: SwapContext) => void | string;
  readonly after?: (ctx: SwapContext) => void;
  readonly args?: readonly unknown[];
  readonly oldObject?: 'destroy' | 'keep';
  readonly transferTicks?: number;
  readonly stallTicks?: number;
}

export function checkSwapOptions(o: SwapOptions): void {
  const ints: [string, number | undefined, number][] = [
    ['timeoutTicks', o.timeoutTicks, 1],
    ['transferTicks', o.transferTicks, 0],
    ['stallTicks', o.stallTicks, 0],
  ];
  for (const [name, v, min] of ints) {
    if (v !== undefined && (!Number.isInteger(v) || v < min))
      throw new RangeError(`hotswap: option ${name} must be an integer >= ${min}, got ${v}`);
  }
  if (o.oldObject !== undefined && o.oldObject !== 'destroy' && o.oldObject !== 'keep') {
    throw new RangeError(
      `hotswap: option oldObject must be 'destroy' or 'keep', got '${String(o.oldObject)}'`,
    );
  }
}
