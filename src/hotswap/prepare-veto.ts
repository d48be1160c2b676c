/**
 * prepareVeto: the outcome of a swap's `prepare` hook (SwapOptions), run at
 * request time, after negotiation and before forward: null to go on, or
 * the reason the swap is refused (a string the hook returned, or what it
 * threw), with nothing moved yet.
 *
 * Interface: `prepareVeto(prepare, context)`; `context` is called only when
 * there is a hook, inside the same guard (a throw while building it is the
 * hook's throw).
 */
import { describeError } from '../kernel/index.ts';
import type { SwapContext } from './swap-options.ts';

export function prepareVeto(
  prepare: ((ctx: SwapContext) => void | string) | undefined,
  context: () => SwapContext,
): string | null {
  if (prepare === undefined) return null;
  let veto: void | string;
  try {
    veto = prepare(context());
  } catch (err) {
    return `prepare() threw: ${describeError(err)}`;
  }
  return typeof veto === 'string' ? `vetoed by prepare(): ${veto}` : null;
}
