/**
 * formatValue: a deterministic, bounded one-line rendering of any value, for
 * log lines and plugin reports (arguments, results, errors).
 *
 * Interface: `formatValue(value, { depthMax, itemsMax, stringMax })`. Strings
 * are JSON-quoted, refs print as `ref(name)`, errors as `Name: message`,
 * class instances with their class name, Maps and Sets with their size.
 * Nested values past `depthMax` print as `…`, long arrays and objects are cut
 * after `itemsMax` entries (`…+N`), long strings after `stringMax` characters.
 *
 * Invariant: the text depends only on the value (key order as inserted, no
 * addresses, no wall time), so the same run prints the same text; cycles
 * print as `[Circular]` instead of recursing.
 */
import { ObjectRefBase } from '../translation-table/index.ts';

export interface FormatOptions {
  readonly depthMax?: number;
  readonly itemsMax?: number;
  readonly stringMax?: number;
}

interface Limits {
  readonly depthMax: number;
  readonly itemsMax: number;
  readonly stringMax: number;
  readonly seen: Set<object>;
}

export function formatValue(value: unknown, options: FormatOptions = {}): string {
  const limits: Limits = {
    depthMax: options.depthMax ?? 3,
    itemsMax: options.itemsMax ?? 8,
    stringMax: options.stringMax ?? 120,
    seen: new Set(),
  };
  return format(value, 0, limits);
}

/** Arguments as they appear between the parentheses of a call. */
export function formatArgs(args: readonly unknown[], options: FormatOptions = {}): string {
  return args.map((a) => formatValue(a, options)).join(', ');
}

function format(v: unknown, depth: number, l: Limits): string {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v.length > l.stringMax ? `${v.slice(0, l.stringMax)}…` : v);
    case 'number':
      return Object.is(v, -0) ? '-0' : String(v);
    case 'bigint':
      return `${v}n`;
    case 'boolean':
    case 'undefined':
      return String(v);
    case 'symbol':
      return v.toString();
    case 'function':
      return `[Function ${v.name || 'anonymous'}]`;
  }
  if (v === null) return 'null';
  return formatObject(v as object, depth, l);
}

function formatObject(o: object, depth: number, l: Limits): string {
  if (isRef(o)) return `ref(${o.$name})`;
  if (o instanceof Error) return `${o.name}: ${o.message}`;
  if (l.seen.has(o)) return '[Circular]';
  if (depth >= l.depthMax) return Array.isArray(o) ? '[…]' : '{…}';
  l.seen.add(o);
  const text = formatContainer(o, depth, l);
  l.seen.delete(o);
  return text;
}

function formatContainer(o: object, depth: number, l: Limits): string {
  const item = (x: unknown): string => format(x, depth + 1, l);
  if (Array.isArray(o)) return `[${items(o, l, item)}]`;
  if (o instanceof Map)
    return `Map(${o.size}) {${items([...o], l, ([k, x]) => `${item(k)} => ${item(x)}`)}}`;
  if (o instanceof Set) return `Set(${o.size}) {${items([...o], l, item)}}`;
  const body = items(
    Object.entries(o),
    l,
    ([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${item(x)}`,
  );
  const cls = (Object.getPrototypeOf(o) as { constructor?: { name?: string } } | null)?.constructor
    ?.name;
  const prefix = cls && cls !== 'Object' ? `${cls} ` : '';
  return `${prefix}{${body}}`;
}

function items<T>(xs: readonly T[], l: Limits, f: (x: T) => string): string {
  const shown = xs.slice(0, l.itemsMax).map(f);
  if (xs.length > l.itemsMax) shown.push(`…+${xs.length - l.itemsMax}`);
  return shown.join(', ');
}

function isRef(o: object): o is ObjectRefBase {
  return o instanceof ObjectRefBase;
}
