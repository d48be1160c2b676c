/**
 * SwapOptions: what a caller of hotswap can say about one swap.
 *
 *   timeoutTicks  abort (roll back) if not complete this many ticks after the request
 *   stubs         method-type stubs: { oldMethod: (newTarget) => function with the
 *                 old signature }; they stay in the entry after the swap
 *   prepare(ctx)  called when the swap is requested, once negotiation succeeded and
 *                 before forward (nothing has moved yet); returning a string vetoes
 *                 the swap: it is refused in 0 ticks (swap.refused with vetoedBy 'prepare')
 *   negotiation   'importer' (default): the first of the new object's importFormats()
 *                 the old one exports; 'k42': K42's rule, the common format with the
 *                 lowest id in `formatIds` (DataTransfer's findFirstOne)
 *   formatIds     format -> numeric id, for negotiation 'k42'
 *   before(ctx)   called at the start of transfer, the point of no return;
 *                 returning a string vetoes the swap (rolled back, the string is the reason)
 *   after(ctx)    called when the swap completes
 *   args          constructor arguments for the new implementation (default: the
 *                 object's own creation arguments)
 *   oldObject     'destroy' (default: after a further generation) or 'keep'
 *   transferTicks ticks the transfer phase takes (default 1)
 *   stallTicks    emit swap.stalled with the blockers if a phase lasts longer (default 1000; 0 = never)
 *   swapWait      how the swap waits for quiescence under the k42 detector:
 *                 'per-cpu' (a marker per CPU, K42's hot swap) or 'token-ring' (the
 *                 global generation); default the simulation's swapWait option
 *   mediation     'global' (one phase for the swap) or 'per-cpu' (K42's mediator
 *                 rep per CPU: each CPU leaves forward when its own marker elapses,
 *                 a CPU with no rep starts in block; cpu-mediation.ts); applies to
 *                 the strategies that wait for quiescence in forward (quiescence,
 *                 lazy); default the simulation's swapMediation option
 *   strategy      how the swap reaches transfer: 'quiescence' (K42, the default),
 *                 'naive' or 'block-all' (swap-strategy.ts); default the
 *                 simulation's swapStrategy option
 */
import type { MethodKeys } from '../translation-table/index.ts';
import { MARKER_MODES, type MarkerMode } from '../quiescence/index.ts';
import { checkStrategyName, type StrategyName } from './swap-strategy.ts';
import { checkMediation, type Mediation } from './cpu-mediation.ts';

export type StubsFor<Old, New> = { readonly [K in MethodKeys<Old>]?: (target: New) => Old[K] };

export interface SwapContext {
  readonly swap: number;
  readonly objects: readonly string[];
  /** Negotiated format per object (null = stateless). */
  readonly formats: readonly (string | null)[];
  readonly tick: number;
}

/** How negotiation chooses among the formats both sides support (negotiate.ts). */
export type NegotiationRule = 'importer' | 'k42';
export const NEGOTIATION_RULES: readonly NegotiationRule[] = ['importer', 'k42'];

export interface SwapOptions<Old = any, New = any> {
  readonly timeoutTicks?: number;
  readonly stubs?: StubsFor<Old, New>;
  readonly prepare?: (ctx: SwapContext) => void | string;
  readonly negotiation?: NegotiationRule;
  readonly formatIds?: Readonly<Record<string, number>>;
  readonly before?: (ctx: SwapContext) => void | string;
  readonly after?: (ctx: SwapContext) => void;
  readonly args?: readonly unknown[];
  readonly oldObject?: 'destroy' | 'keep';
  readonly transferTicks?: number;
  readonly stallTicks?: number;
  readonly strategy?: StrategyName;
  readonly swapWait?: MarkerMode;
  readonly mediation?: Mediation;
}

/** updateClass's options: a swap's, and `versionSkip` (accept a version past old + 1). */
export interface ClassUpdateOptions<Old = any, New = any> extends SwapOptions<Old, New> {
  readonly versionSkip?: boolean;
}

const OPTION_NAMES = [
  'timeoutTicks',
  'stubs',
  'prepare',
  'negotiation',
  'formatIds',
  'before',
  'after',
  'args',
  'oldObject',
  'transferTicks',
  'stallTicks',
  'strategy',
  'swapWait',
  'mediation',
];

/** Names other modules add to SwapOptions register here, so the unknown-name check knows them. */
export function knowSwapOption(name: string): void {
  if (!OPTION_NAMES.includes(name)) OPTION_NAMES.push(name);
}

export function checkSwapOptions(o: SwapOptions): void {
  for (const key of Object.keys(o)) {
    if (!OPTION_NAMES.includes(key))
      throw new RangeError(`hotswap: unknown option '${key}'; known: ${OPTION_NAMES.join(', ')}`);
  }
  for (const fn of ['prepare', 'before', 'after'] as const) {
    if (o[fn] !== undefined && typeof o[fn] !== 'function')
      throw new RangeError(`hotswap: option ${fn} must be a function (ctx) => void | string`);
  }
  if (o.negotiation !== undefined && !NEGOTIATION_RULES.includes(o.negotiation))
    throw new RangeError(
      `hotswap: option negotiation must be one of ${NEGOTIATION_RULES.join(', ')}, got '${String(o.negotiation)}'`,
    );
  if (o.formatIds !== undefined) {
    for (const [f, id] of Object.entries(o.formatIds))
      if (!Number.isInteger(id) || id < 0)
        throw new RangeError(
          `hotswap: formatIds['${f}'] must be an integer >= 0, got ${String(id)}`,
        );
  }
  if (o.negotiation === 'k42' && o.formatIds === undefined)
    throw new RangeError(
      "hotswap: negotiation 'k42' picks the lowest format id: give formatIds { format: id }",
    );
  const ints: [string, number | undefined, number][] = [
    ['timeoutTicks', o.timeoutTicks, 1],
    ['transferTicks', o.transferTicks, 0],
    ['stallTicks', o.stallTicks, 0],
  ];
  for (const [name, v, min] of ints) {
    if (v !== undefined && (!Number.isInteger(v) || v < min))
      throw new RangeError(`hotswap: option ${name} must be an integer >= ${min}, got ${v}`);
  }
  checkSwapWait(o.swapWait, 'hotswap: option swapWait');
  checkMediation(o.mediation, 'hotswap: option mediation');
  if (o.strategy !== undefined) checkStrategyName(o.strategy, 'hotswap: option strategy');
  if (o.oldObject !== undefined && o.oldObject !== 'destroy' && o.oldObject !== 'keep') {
    throw new RangeError(
      `hotswap: option oldObject must be 'destroy' or 'keep', got '${String(o.oldObject)}'`,
    );
  }
}

/** Refuse a swap wait that is not 'per-cpu' or 'token-ring', naming where it came from. */
export function checkSwapWait(wait: unknown, where: string): void {
  if (wait !== undefined && !MARKER_MODES.includes(wait as MarkerMode))
    throw new RangeError(
      `${where} must be one of ${MARKER_MODES.join(', ')}, got '${String(wait)}'`,
    );
}
