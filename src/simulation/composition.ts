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
import { Container } from 'inversify';
import { CLOCK, MACHINE, OBJECT_ARGS, type MachineInfo } from '../objects/index.ts';
import type { Clock } from '../kernel/index.ts';

const INJECTABLE_KEY = '@inversifyjs/core/classIsInjectableFlagReflectKey';

export function isInjectable(cls: Function): boolean {
  return Reflect.hasOwnMetadata?.(INJECTABLE_KEY, cls) === true;
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
    if (!isInjectable(cls)) return new (cls as new (...a: unknown[]) => object)(...args);
    const child = new Container({ parent: this.container });
    child.bind(OBJECT_ARGS).toConstantValue(args);
    return child.get(cls as new (...a: unknown[]) => object, { autobind: true });
  }
}
