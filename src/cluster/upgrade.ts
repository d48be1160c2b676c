/**
 * Upgrade: the description of one class upgrade across a cluster, after
 * Upstart (docs/UPSTART.md, "Upgrades").
 *
 *   name, from, to        the upgrade and the versions it goes between
 *   oldClass, newClass    the implementations (the hot swap's old and new class;
 *                         the state transfer is their exportState/importState)
 *   invariant             { name, holds(oldView, newView) }: relates the state an
 *                         old-version client sees to the one a new-version client sees
 *   oldView, newView      abstraction functions: implementation -> abstract state
 *   transform             oldView -> newView (what the future SO presents)
 *   retro                 newView -> oldView (what the past SO presents)
 *   future, past          SO method table: per method 'delegate', 'disallow' or a
 *                         shadow method (current, ...args) => value. A method not
 *                         listed delegates when the current class has it, and is
 *                         disallowed otherwise.
 *   current               optional table for calls of version `to` on an upgraded
 *                         node while the upgrade is active: 'disallow' or a shadow
 *                         (which may throw DisallowedCallError) for a call of the
 *                         new class that would break the invariant; a method not
 *                         listed is served directly
 *   swap                  options for the hot swap of each object (stubs for old
 *                         methods the new class drops, transferTicks, ...)
 *
 * Invariant: a disallowed call never reaches the current object; it fails
 * with DisallowedCallError naming the invariant.
 */
import type { Simulation } from '../simulation/index.ts';

/** The options of one hot swap (src/hotswap/swap-options.ts), as Simulation.hotswap takes them. */
export type SwapOptions = NonNullable<Parameters<Simulation['hotswap']>[2]>;

export interface UpgradeInvariant {
  readonly name: string;
  holds(oldView: unknown, newView: unknown): boolean;
}

export type SoMethod = 'delegate' | 'disallow' | ((current: any, ...args: any[]) => unknown);

type Newable = abstract new (...args: any) => any;

export interface Upgrade {
  readonly name: string;
  readonly from: number;
  readonly to: number;
  readonly oldClass: Newable;
  readonly newClass: Newable;
  readonly invariant: UpgradeInvariant;
  readonly oldView: (impl: any) => unknown;
  readonly newView: (impl: any) => unknown;
  readonly transform: (oldView: unknown) => unknown;
  readonly retro: (newView: unknown) => unknown;
  readonly future?: Readonly<Record<string, SoMethod>>;
  readonly past?: Readonly<Record<string, SoMethod>>;
  readonly current?: Readonly<Record<string, SoMethod>>;
  readonly swap?: SwapOptions;
}

export class DisallowedCallError extends Error {
  constructor(
    readonly invariant: string,
    readonly method: string,
    readonly version: number,
  ) {
    super(`disallowed: ${method} (version ${version}) would break invariant '${invariant}'`);
    this.name = 'DisallowedCallError';
  }
}

export function checkUpgrade(u: Upgrade): void {
  if (typeof u.name !== 'string' || u.name.length === 0)
    throw new TypeError('upgrade: name must be a non-empty string');
  if (!Number.isInteger(u.from) || !Number.isInteger(u.to) || u.to !== u.from + 1)
    throw new RangeError(
      `upgrade '${u.name}': versions must be integers with to = from + 1, got ${u.from} -> ${u.to}`,
    );
  for (const k of ['oldView', 'newView', 'transform', 'retro'] as const) {
    if (typeof u[k] !== 'function')
      throw new TypeError(`upgrade '${u.name}': ${k} must be a function`);
  }
  if (typeof u.invariant?.holds !== 'function' || !u.invariant.name)
    throw new TypeError(`upgrade '${u.name}': invariant must be { name, holds(oldView, newView) }`);
}
