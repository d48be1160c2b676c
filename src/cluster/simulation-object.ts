/**
 * SimulationObject: a past or future SO generated from an Upgrade
 * (docs/UPSTART.md, "Simulation objects"). A future SO runs on a node still
 * at `from` and serves calls made for version `to`; a past SO runs on an
 * upgraded node and serves calls for `from`. Both delegate to the node's
 * current object.
 *
 * Interface: `new SimulationObject(upgrade, 'past' | 'future')`,
 * `resolve(current, method)` -> a function to call, or throws
 * DisallowedCallError naming the upgrade's invariant. An SO presents the
 * interface of its version's class: a method that class lacks (and the
 * table does not list) fails as "no method", even if the current object has
 * it (a version-1 caller cannot remove from an IntSet through the past SO).
 */
import { DisallowedCallError, type SoMethod, type Upgrade } from './upgrade.ts';

export type SoKind = 'past' | 'future';

export class SimulationObject {
  readonly version: number;
  private readonly table: Readonly<Record<string, SoMethod>>;

  constructor(
    readonly upgrade: Upgrade,
    readonly kind: SoKind,
  ) {
    this.version = kind === 'future' ? upgrade.to : upgrade.from;
    this.table = (kind === 'future' ? upgrade.future : upgrade.past) ?? {};
  }

  /** The function serving `method` for a caller of `version`, bound to `current`. */
  resolve(current: any, method: string): (...args: unknown[]) => unknown {
    const spec = Object.hasOwn(this.table, method) ? this.table[method] : undefined;
    if (typeof spec === 'function') return (...args) => spec(current, ...args);
    const own = this.kind === 'future' ? this.upgrade.newClass : this.upgrade.oldClass;
    if (spec === undefined && typeof own.prototype?.[method] !== 'function')
      throw new Error(
        `${this.kind} SO of '${this.upgrade.name}': version ${this.version} (${own.name}) has no method '${method}'`,
      );
    const has = typeof current?.[method] === 'function';
    if (spec === 'disallow' || (spec === undefined && !has))
      throw new DisallowedCallError(this.upgrade.invariant.name, method, this.version);
    if (!has)
      throw new TypeError(
        `${this.kind} SO of '${this.upgrade.name}': '${method}' delegates but the current object has no such method`,
      );
    return (...args) => current[method](...args);
  }
}
