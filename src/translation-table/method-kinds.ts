/**
 * methodKinds: which methods a kernel-object class has, and whether each is
 * plain (atomic: runs to completion without a preemption point) or a
 * generator method (takes simulated time, `yield*`-ed by the caller).
 *
 * Interface: `methodKinds(Class)` walks the prototype chain (subclass first)
 * and returns a Map name -> 'plain' | 'op', cached per class. The state
 * transfer protocol methods and the constructor are not callable through a
 * ref and are left out.
 */
export type MethodKind = 'plain' | 'op';

export const PROTOCOL_METHODS: ReadonlySet<string> = new Set([
  'constructor',
  'exportFormats',
  'exportState',
  'importFormats',
  'importState',
]);

const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor as Function;
const cache = new WeakMap<Function, ReadonlyMap<string, MethodKind>>();

export function isGeneratorFunction(fn: unknown): boolean {
  return typeof fn === 'function' && fn instanceof GeneratorFunction;
}

export function methodKinds(cls: Function): ReadonlyMap<string, MethodKind> {
  const cached = cache.get(cls);
  if (cached) return cached;
  const kinds = new Map<string, MethodKind>();
  for (
    let p = cls.prototype as object | null;
    p && p !== Object.prototype;
    p = Object.getPrototypeOf(p) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(p)) {
      if (kinds.has(name) || PROTOCOL_METHODS.has(name) || name.startsWith('_')) continue;
      const d = Object.getOwnPropertyDescriptor(p, name)!;
      if (typeof d.value !== 'function') continue;
      kinds.set(name, isGeneratorFunction(d.value) ? 'op' : 'plain');
    }
  }
  cache.set(cls, kinds);
  return kinds;
}
