/**
 * stubsAfter: the method-type stubs an entry keeps after a swap to `newCls`:
 * this swap's stubs, plus earlier ones only for methods the new class does
 * not have itself (an inherited stub must never shadow a real method).
 */
import { methodKinds, type StubFactory, type TableEntry } from '../translation-table/index.ts';

export function stubsAfter(
  entry: TableEntry,
  newCls: Function,
  stubs: Readonly<Record<string, StubFactory>> | undefined,
): Record<string, StubFactory> {
  const kinds = methodKinds(newCls);
  const kept = Object.entries(entry.ext?.stubs ?? {}).filter(([method]) => !kinds.has(method));
  return { ...Object.fromEntries(kept), ...stubs };
}
