/**
 * WorkClass: the kernel-object classes the benchmarks call, generated from
 * source text (`new Function`) so that every class, even with identical
 * bodies, has its own functions and its own V8 feedback, exactly like
 * distinct classes written by hand (closures of one class literal would share
 * feedback and blur the per-class figures).
 *
 * Each class has:
 *   lookup(key)  a plain method with a real body (an 8-probe hash over a
 *                64-slot table, a field update): about 10 ns direct
 *   get()        a trivial, inlinable plain method
 *   *op(x)       a generator method with a tiny body and no yield (the table
 *                adds the entry and exit preemption points)
 *   *hold(ticks) a generator method that computes for `ticks` (a call in flight)
 *   exportFormats/exportState/importFormats/importState for 'work-state'
 *
 * Interface: `makeWorkClass(name)`, `makeWorkClasses(prefix, n)`.
 */
import { compute, type Op } from '../kernel/index.ts';

export interface WorkObject {
  n: number;
  hits: number;
  lookup(key: number): number;
  get(): number;
  op(x: number): Op<number>;
  hold(ticks: number): Op<number>;
  exportFormats(): readonly string[];
  exportState(format: string): { n: number; hits: number };
  importFormats(): readonly string[];
  importState(format: string, state: unknown): void;
}

export type WorkClass = new () => WorkObject;

const SOURCE = (name: string): string => `return class ${name} {
  constructor() { this.n = 0; this.hits = 0; this.slots = new Int32Array(64); }
  lookup(key) {
    const slots = this.slots;
    let h = Math.imul(key, 0x9e3779b1);
    for (let i = 0; i < 8; i++) h = Math.imul(h ^ slots[(h + i) & 63], 0x01000193);
    slots[h & 63] = key;
    this.hits++;
    return h;
  }
  get() { return this.n; }
  *op(x) { this.n += x; return this.n; }
  *hold(ticks) { yield* compute(ticks); return this.n; }
  exportFormats() { return ['work-state']; }
  exportState(_format) { return { n: this.n, hits: this.hits }; }
  importFormats() { return ['work-state']; }
  importState(_format, s) { this.n = s.n; this.hits = s.hits; }
};`;

export function makeWorkClass(name: string): WorkClass {
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name))
    throw new RangeError(`makeWorkClass: '${name}' is not an identifier`);
  return new Function('compute', SOURCE(name))(compute) as WorkClass;
}

export function makeWorkClasses(prefix: string, n: number): WorkClass[] {
  return Array.from({ length: n }, (_, i) => makeWorkClass(`${prefix}${i}`));
}
