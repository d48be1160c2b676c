/**
 * InterposingPlugin: the base class of plugins that put a mediator in front
 * of objects (K42 COSMgr::substitute, the Arbiter wrappers).
 *
 * Interface: a subclass gives `name` and `mediatorFor(entry, methods, sim)`
 * (the mediator for one object; `methods` is that object's MethodFilter, or
 * null for every method) plus `report()` and `lines()`. The base gives
 * `attach(sim)`: one mediator in front of every live object the ObjectFilter
 * matches, through `sim.interpose`; `detach()` removes them all; `attached`
 * lists the objects it is on; `warnings()` names each filter rule that
 * selects no object or no method among the simulation's objects.
 *
 * Invariants: at most one of its mediators per object; the mediator made for
 * an object is kept across detach/attach, so counts survive re-attaching.
 * The scheduler is an object like any other (the dispatcher calls it in
 * kernel context, thread -1), so an unfiltered plugin is on it too.
 */
import type { Mediator, TableEntry } from '../translation-table/index.ts';
import type { MediatorHandle } from '../interposition/index.ts';
import type { Simulation } from '../simulation/index.ts';
import { ObjectFilter, type MethodFilter } from './object-filter.ts';
import type { Plugin } from './plugin.ts';

export abstract class InterposingPlugin implements Plugin {
  abstract readonly name: string;
  readonly filter: ObjectFilter;
  /** The mediator made for each object, in attach order (kept across detach). */
  protected readonly mediators = new Map<TableEntry, Mediator>();
  private readonly handles = new Map<TableEntry, MediatorHandle>();
  private sim: Simulation | null = null;

  constructor(filter?: ObjectFilter | string) {
    this.filter = filter instanceof ObjectFilter ? filter : ObjectFilter.parse(filter);
  }

  protected abstract mediatorFor(
    entry: TableEntry,
    methods: MethodFilter | null,
    sim: Simulation,
  ): Mediator;
  abstract report(): unknown;
  abstract lines(): string[];

  attach(sim: Simulation): void {
    if (this.sim !== null && this.sim !== sim) {
      throw new Error(
        `plugin '${this.name}' is already attached to another simulation; create one plugin per simulation`,
      );
    }
    this.sim = sim;
    for (const entry of sim.table.entries) {
      if (entry.state !== 'live' || this.handles.has(entry)) continue;
      if (!this.filter.matchesObject(entry.name, entry.cls.name)) continue;
      let m = this.mediators.get(entry);
      if (m === undefined) {
        m = this.mediatorFor(entry, this.filter.methodsFor(entry.name, entry.cls.name), sim);
        this.mediators.set(entry, m);
      }
      this.handles.set(entry, sim.interpose(sim.table.refOf(entry), m));
    }
  }

  detach(): void {
    for (const h of this.handles.values()) h.remove();
    this.handles.clear();
  }

  warnings(): string[] {
    if (this.sim === null || this.filter.all) return [];
    return this.filter.unmatched(
      this.sim.table.entries.map((e) => ({
        name: e.name,
        className: e.cls.name,
        methods: methodNames(e.cls),
      })),
    );
  }

  /** Names of the objects it is installed on now. */
  get attached(): string[] {
    return [...this.handles.keys()].map((e) => e.name);
  }
}

/** The methods of a class, its own and inherited, below Object. */
function methodNames(cls: Function): string[] {
  const names = new Set<string>();
  for (let p = cls.prototype as object | null; p !== null && p !== Object.prototype;) {
    for (const k of Object.getOwnPropertyNames(p)) {
      if (k !== 'constructor' && typeof Object.getOwnPropertyDescriptor(p, k)?.value === 'function')
        names.add(k);
    }
    p = Object.getPrototypeOf(p) as object | null;
  }
  return [...names];
}
