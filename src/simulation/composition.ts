/**
 * composition: the inversify container, the composition root's only use of
 * dependency injection. Kernel objects marked @injectable() are constructed
 * through it and get CLOCK, MACHINE, OBJECT_ARGS and whatever the scenario
 * `provide`d; plain classes are constructed with `new Class(...args)`.
 *
 * The call path never touches the container: it only builds objects (at
 * create, on a clustered object's first call on a CPU, and for a swap's new
 * implementation).
 */
import { Container, decorate, injectFromHierarchy, injectable } from 'inversify';
import { CLOCK, MACHINE, OBJECT_ARGS, type MachineInfo } from '../objects/index.ts';
import type { Clock } from '../kernel/index.ts';

const INJECTABLE_KEY = '@inversifyjs/core/classIsInjectableFlagReflectKey';
const CLASS_METADATA_KEY = '@inversifyjs/core/classMetadataReflectKey';

export function isInjectable(cls: Function): boolean {
  return Reflect.hasOwnMetadata?.(INJECTABLE_KEY, cls) === true;
}

function injectedArgs(cls: Function): number {
  const meta = Reflect.getOwnMetadata?.(CLASS_METADATA_KEY, cls) as
    { constructorArguments?: unknown[] } | undefined;
  return meta?.constructorArguments?.length ?? 0;
}

function injectableAncestor(cls: Function): Function | null {
  for (
    let p = Object.getPrototypeOf(cls) as Function | null;
    p && p !== Function.prototype;
    p = Object.getPrototypeOf(p) as Function | null
  ) {
    if (isInjectable(p)) return p;
  }
  return null;
}

const inheriting = new WeakSet<Function>();

/**
 * A subclass that declares no injections of its own (`class RR2 extends
 * RoundRobinPolicy {}`, with or without @injectable()) inherits its
 * ancestors' (inversify needs injectFromHierarchy for that), so swapping to a
 * subclass of an injected class just works.
 */
function inheritInjections(cls: Function): void {
  if (inheriting.has(cls)) return;
  inheriting.add(cls);
  const base = injectableAncestor(cls);
  if (base === null || injectedArgs(cls) > 0 || injectedArgs(base) === 0) return;
  const decorators = [
    injectFromHierarchy({ extendConstructorArguments: true, extendProperties: true }),
  ];
  decorate(isInjectable(cls) ? decorators : [injectable(), ...decorators], cls);
}

export class Composition {
  readonly container = new Container();

  constructor(clock: Clock, machine: MachineInfo) {
    this.container.bind(CLOCK).toConstantValue(clock);
    this.container.bind(MACHINE).toConstantValue(machine);
  }

  provide(token: symbol | string, value: unknown): void {
    if (this.container.isBound(token)) this.container.unbind(token);
    this.container.bind(token).toConstantValue(value);
  }

  construct(cls: Function, args: readonly unknown[]): object {
    inheritInjections(cls);
    if (!isInjectable(cls)) return new (cls as new (...a: unknown[]) => object)(...args);
    const child = new Container({ parent: this.container });
    child.bind(OBJECT_ARGS).toConstantValue(args);
    return child.get(cls as new (...a: unknown[]) => object, { autobind: true });
  }
}
