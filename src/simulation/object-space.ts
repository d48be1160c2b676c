/**
 * ObjectSpace: `sim.objects`, the scenario author's face of the table.
 *
 *   create(Class, ...args)            a new object, its ref typed by the class
 *   createNamed(name, Class, ...args) the same with a display name
 *   destroy(ref)                      destroyed now, reclaimed after a generation
 *   call(ref, method, ...args)        a plain call by name, checked
 *   info(ref)                         id, name, class, version, state, mediators, stats
 *   peek(ref)                         the current implementation (tests, reports)
 *   as(ref, Class)                    the same object typed as its current class
 *   instances(Class)                  refs of the live instances (its factory)
 */
import type { ObjectRef, TableEntry, TranslationTable } from '../translation-table/index.ts';
import { methodKinds, NoSuchMethodError, StaleRefError } from '../translation-table/index.ts';

type Newable = abstract new (...args: any) => any;

export interface ObjectInfo {
  readonly id: number;
  readonly name: string;
  readonly class: string;
  readonly version: number;
  readonly state: string;
  readonly clustered: boolean;
  readonly mediators: readonly string[];
  readonly stats: Readonly<Record<string, { calls: number; failed: number; inFlight: number }>>;
  readonly swapping: boolean;
}

export class ObjectSpace {
  constructor(private readonly table: TranslationTable) {}

  create<C extends Newable>(cls: C, ...args: unknown[]): ObjectRef<InstanceType<C>> {
    return this.table.create(checkClass(cls), args);
  }

  createNamed<C extends Newable>(
    name: string,
    cls: C,
    ...args: unknown[]
  ): ObjectRef<InstanceType<C>> {
    if (typeof name !== 'string' || name.length === 0)
      throw new TypeError('objects.createNamed: the name must be a non-empty string');
    return this.table.create(checkClass(cls), args, name);
  }

  destroy(ref: object, reason?: string): void {
    const entry = this.table.entryOf(ref, 'objects.destroy');
    if (entry.name === 'scheduler' && entry.id === 1) {
      throw new Error(
        "objects.destroy: the scheduler is the kernel's scheduling policy and cannot be destroyed; hot-swap it instead",
      );
    }
    this.table.destroy(entry, reason);
  }

  call(ref: object, method: string, ...args: unknown[]): unknown {
    const entry = this.table.entryOf(ref, 'objects.call');
    if (entry.state !== 'live') throw new StaleRefError(entry, method);
    const impl = this.table.resolve(entry, 0);
    if (
      methodKinds(entry.cls).get(method) !== 'plain' &&
      entry.ext?.stubs?.[method] === undefined
    ) {
      throw new NoSuchMethodError(entry, impl, method);
    }
    return this.table.callPlain(entry, method, args);
  }

  entry(ref: object): TableEntry {
    return this.table.entryOf(ref, 'objects.entry');
  }

  info(ref: object): ObjectInfo {
    const e = this.table.entryOf(ref, 'objects.info');
    return {
      id: e.id,
      name: e.name,
      class: e.cls.name,
      version: e.version,
      state: e.state,
      clustered: e.clustered,
      mediators: (e.ext?.mediators ?? []).map((m) => m.name),
      stats: Object.fromEntries(e.ext?.stats ?? []),
      swapping: (e.ext?.swap ?? null) !== null,
    };
  }

  peek<T>(ref: ObjectRef<T>): T {
    const e = this.table.entryOf(ref, 'objects.peek');
    return (e.target ?? e.reps) as T;
  }

  /**
   * The same object, typed and called as `cls` (e.g. after a swap to `cls`):
   * its current class must be `cls` or a subclass. The ref returned is of
   * cls's generated ref class, so every method of `cls` takes the fast path.
   */
  as<C extends Newable>(ref: object, cls: C): ObjectRef<InstanceType<C>> {
    const e = this.table.entryOf(ref, 'objects.as');
    if (typeof cls !== 'function' || cls.prototype === undefined)
      throw new TypeError(`objects.as: expected a class, got ${typeof cls}`);
    if (e.cls !== cls && !(e.cls.prototype instanceof cls))
      throw new TypeError(
        `objects.as: ${e.describe()} is a ${e.cls.name} (version ${e.version}), not a ${cls.name}; call as() once a swap to ${cls.name} has completed`,
      );
    return this.table.refFor<InstanceType<C>>(e, cls);
  }

  instances<C extends Newable>(cls: C): ObjectRef<InstanceType<C>>[] {
    const f = this.table.factories.get(cls);
    return f
      ? [...f.instances].map((e) => this.table.refOf(e) as unknown as ObjectRef<InstanceType<C>>)
      : [];
  }
}

function checkClass(cls: unknown): Function {
  if (typeof cls !== 'function' || cls.prototype === undefined) {
    throw new TypeError(
      `objects.create: expected a class, got ${typeof cls === 'function' ? 'an arrow function' : typeof cls}`,
    );
  }
  return cls;
}
