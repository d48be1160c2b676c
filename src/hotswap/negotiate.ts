/**
 * negotiate: choose how state moves from the old implementation to the new
 * one, and check that every method the old interface offers is still served.
 *
 * Formats (K42 DataTransfer: export set AND import set, lowest id wins): we
 * take the first of the new object's importFormats() (its order is its
 * preference, best first) that the old object's exportFormats() contains.
 * Rules, in order:
 *   old declares no exportFormats      -> stateless: null transfer
 *   new declares no importFormats      -> refused (the old state would be lost)
 *   no format in common                -> refused, both lists in the reason
 *
 * Interface: every method of the old class must have, in the new class, a
 * method of the same name and kind (plain / generator), or a stub. Anything
 * else refuses the swap now, naming the methods, not at the first call.
 */
import { methodKinds } from '../translation-table/index.ts';
import type { StateTransfer } from '../translation-table/index.ts';

export type Negotiated =
  | { readonly ok: true; readonly format: string | null }
  | { readonly ok: false; readonly reason: string };

export function negotiateFormat(
  oldImpl: StateTransfer,
  newImpl: StateTransfer,
  names: { old: string; new: string },
): Negotiated {
  const exports = oldImpl.exportFormats?.();
  if (exports === undefined) return { ok: true, format: null };
  const imports = newImpl.importFormats?.();
  if (imports === undefined) {
    return {
      ok: false,
      reason: `${names.old} exports [${exports.join(', ')}] but ${names.new} declares no importFormats(): its state would be lost`,
    };
  }
  const format = imports.find((f) => exports.includes(f));
  if (format === undefined) {
    return {
      ok: false,
      reason: `no common transfer format: ${names.old} exports [${exports.join(', ')}], ${names.new} imports [${imports.join(', ')}]`,
    };
  }
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
    if (stubs[method] !== undefined) continue;
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
