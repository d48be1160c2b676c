/**
 * negotiate: choose how state moves from the old implementation to the new
 * one, and check that every method the old interface offers is still served.
 *
 * Formats (K42 DataTransfer: export set AND import set, lowest id wins).
 * Two rules choose among the formats both sides support:
 *   'importer' (the default): the first of the new object's importFormats()
 *              (its order is its preference, best first) that the old
 *              object's exportFormats() contains;
 *   'k42':     K42's rule: the common format with the lowest id (`ids`, a
 *              format -> id table: DTType ids, "the smaller the value, the
 *              higher the priority"); a common format without an id refuses.
 * Rules, in order:
 *   old defines exportState but no exportFormats -> refused (it cannot say
 *                                         what its state is; it used to be
 *                                         swapped as stateless, silently)
 *   old declares no exportFormats      -> stateless: null transfer
 *   new declares no importFormats      -> refused (the old state would be lost)
 *   no format in common                -> refused, both lists in the reason
 *
 * Interface: every method of the old class (its own prototype chain below
 * Object, so an own valueOf counts) must have, in the new class, a
 * method of the same name and kind (plain / generator), or a stub (an own
 * property of `stubs`: names inherited from Object.prototype are not stubs). Anything
 * else refuses the swap now, naming the methods, not at the first call.
 * A stub must fit the kind of the method it covers: checkStubKinds makes
 * each stub's function for a sample of the new implementation and refuses a
 * generator function for a plain method (its callers would get a generator
 * object, not a value). A plain function for a generator method is allowed:
 * it may return the new method's generator (`(t) => (x) => t.op(x)`), which
 * the call runs, or a value, which the call returns at once.
 */
import { isGeneratorFunction, methodKinds } from '../translation-table/index.ts';
import type { StateTransfer } from '../translation-table/index.ts';

export type Negotiated =
  | { readonly ok: true; readonly format: string | null }
  | { readonly ok: false; readonly reason: string };

export interface NegotiationChoice {
  readonly rule: 'importer' | 'k42';
  readonly ids?: Readonly<Record<string, number>>;
}

export function negotiateFormat(
  oldImpl: StateTransfer,
  newImpl: StateTransfer,
  names: { old: string; new: string },
  choice: NegotiationChoice = { rule: 'importer' },
): Negotiated {
  const exports = oldImpl.exportFormats?.();
  if (exports === undefined && typeof oldImpl.exportState === 'function')
    return {
      ok: false,
      reason: `${names.old} defines exportState() but no exportFormats(): its state cannot be negotiated and would be lost; add exportFormats() returning the formats it exports (e.g. ['v1'])`,
    };
  if (exports === undefined) return { ok: true, format: null };
  const imports = newImpl.importFormats?.();
  if (imports === undefined) {
    return {
      ok: false,
      reason: `${names.old} exports [${exports.join(', ')}] but ${names.new} declares no importFormats(): its state would be lost`,
    };
  }
  const common = imports.filter((f) => exports.includes(f));
  if (choice.rule === 'k42' && common.length > 0) return lowestId(common, choice.ids ?? {});
  const format = common[0];
  if (format === undefined) {
    return {
      ok: false,
      reason: `no common transfer format: ${names.old} exports [${exports.join(', ')}], ${names.new} imports [${imports.join(', ')}]`,
    };
  }
  return { ok: true, format };
}

/** K42's findFirstOne over (export AND import): the lowest id wins. */
function lowestId(common: readonly string[], ids: Readonly<Record<string, number>>): Negotiated {
  const missing = common.filter((f) => !Object.hasOwn(ids, f));
  if (missing.length > 0)
    return {
      ok: false,
      reason: `negotiation 'k42': no id for common format(s) [${missing.join(', ')}]; add them to formatIds`,
    };
  const format = common.reduce((a, b) => (ids[b] < ids[a] ? b : a));
  return { ok: true, format };
}

export function checkInterface(
  oldCls: Function,
  newCls: Function,
  stubs: Readonly<Record<string, unknown>>,
): string | null {
  const newKinds = methodKinds(newCls);
  const problems: string[] = [];
  for (const [method, kind] of methodKinds(oldCls)) {
    if (Object.hasOwn(stubs, method) && stubs[method] !== undefined) continue;
    const k = newKinds.get(method);
    if (k === undefined)
      problems.push(`${method}() has no counterpart in ${newCls.name} and no stub`);
    else if (k !== kind)
      problems.push(
        `${method}() is ${kind === 'op' ? 'a generator' : 'plain'} in ${oldCls.name} but ${k === 'op' ? 'a generator' : 'plain'} in ${newCls.name}; give it a stub`,
      );
  }
  for (const method of Object.keys(stubs)) {
    if (typeof stubs[method] !== 'function')
      problems.push(`stub for ${method} must be a function (target) => (...args) => result`);
  }
  return problems.length === 0
    ? null
    : `interface mismatch ${oldCls.name} -> ${newCls.name}: ${problems.join('; ')}`;
}

/** A stub whose function is not of its method's kind, named; null when all match. */
export function checkStubKinds(
  oldCls: Function,
  stubs: Readonly<Record<string, unknown>>,
  sampleNew: object,
): string | null {
  const kinds = methodKinds(oldCls);
  const problems: string[] = [];
  for (const [method, factory] of Object.entries(stubs)) {
    const kind = kinds.get(method);
    if (kind === undefined || typeof factory !== 'function') continue;
    const fn = (factory as (target: object) => unknown)(sampleNew);
    if (typeof fn !== 'function') {
      problems.push(`the stub for ${method}() returned ${typeof fn}, not a function`);
      continue;
    }
    if (kind === 'plain' && isGeneratorFunction(fn))
      problems.push(
        `${oldCls.name}.${method}() is plain but its stub is a generator function (callers would get a generator, not a value); make the stub a plain function`,
      );
  }
  return problems.length === 0 ? null : `stub kind mismatch: ${problems.join('; ')}`;
}
