/**
 * StateTransfer: the contract a swappable kernel object implements so its
 * state can move to a replacement (K42 DataTransfer, DTType negotiation).
 *
 *   exportFormats(): readonly string[]   formats it can export
 *   exportState(format, ctx): unknown
 *   importFormats(): readonly string[]   formats it accepts, best first
 *   importState(format, state, ctx): void
 *
 * Negotiation (hotswap/negotiate.ts) picks the first of the new object's
 * importFormats() that the old object exports. An object declaring neither
 * is stateless: the swap does a null transfer.
 *
 * For clustered objects export and import run once per CPU rep; `ctx` says
 * which CPU and which CPUs take part, so a rep can take its share (K42 runs
 * one transfer worker per VP).
 */
export interface TransferContext {
  /** CPU of the rep being exported from or imported into (-1 for a single object). */
  readonly cpu: number;
  /** CPUs taking part in the transfer, ascending. */
  readonly cpus: readonly number[];
  /** 0-based position of this export/import among all of them. */
  readonly index: number;
  /** How many exports (imports) the transfer makes in all. */
  readonly count: number;
}

export interface StateTransfer {
  exportFormats?(): readonly string[];
  exportState?(format: string, ctx: TransferContext): unknown;
  importFormats?(): readonly string[];
  importState?(format: string, state: unknown, ctx: TransferContext): void;
}
