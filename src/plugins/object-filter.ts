/**
 * ObjectFilter: which objects (and which of their methods) a plugin attaches
 * to, parsed from the plugin's argument, e.g. `--plugin logger=cache,Counter*.inc`.
 *
 * Syntax: a comma-separated list of rules `OBJECT[.METHOD]`. OBJECT matches an
 * object's name or its class name; METHOD a method name; `*` matches any run
 * of characters. No rules (an empty or missing spec) means every object and
 * every method.
 *
 * Interface: `ObjectFilter.parse(spec)`, `matchesObject(name, className)`,
 * `methodsFor(name, className)` -> a MethodFilter for one object, or null when
 * every method of that object is wanted (so a mediator can skip the test);
 * `unmatched(objects)` -> one warning per rule that selects nothing among
 * these objects (a typo'd filter would otherwise report "0 calls" silently).
 */

/** What `unmatched` needs to know of an object: its names and its methods. */
export interface FilterTarget {
  readonly name: string;
  readonly className: string;
  readonly methods: readonly string[];
}
export class MethodFilter {
  private readonly cache = new Map<string, boolean>();
  constructor(private readonly patterns: readonly RegExp[]) {}

  /** A filter of method names or `*` patterns, e.g. ['get', 'put*']. */
  static of(names: readonly string[]): MethodFilter {
    return new MethodFilter(names.map(glob));
  }

  matches(method: string): boolean {
    let ok = this.cache.get(method);
    if (ok === undefined) this.cache.set(method, (ok = this.patterns.some((p) => p.test(method))));
    return ok;
  }
}

interface Rule {
  readonly text: string;
  readonly object: RegExp;
  readonly method: RegExp | null;
}

export class ObjectFilter {
  private constructor(
    private readonly rules: readonly Rule[],
    readonly spec: string,
  ) {}

  static readonly ALL = new ObjectFilter([], '');

  static parse(spec: string | undefined): ObjectFilter {
    if (spec === undefined || spec.trim() === '') return ObjectFilter.ALL;
    const rules = spec.split(',').map((s) => parseRule(s.trim(), spec));
    return new ObjectFilter(rules, spec);
  }

  get all(): boolean {
    return this.rules.length === 0;
  }

  matchesObject(name: string, className: string): boolean {
    return this.all || this.rules.some((r) => r.object.test(name) || r.object.test(className));
  }

  methodsFor(name: string, className: string): MethodFilter | null {
    const mine = this.rules.filter((r) => r.object.test(name) || r.object.test(className));
    if (mine.length === 0 || mine.some((r) => r.method === null)) return null;
    return new MethodFilter(mine.map((r) => r.method!));
  }

  unmatched(objects: readonly FilterTarget[]): string[] {
    const warnings: string[] = [];
    for (const r of this.rules) {
      const hit = objects.filter((o) => r.object.test(o.name) || r.object.test(o.className));
      if (hit.length === 0) {
        const names = objects.map((o) => o.name).join(', ');
        warnings.push(
          `filter rule '${r.text}' matches no object (objects: ${names}); OBJECT is an object's name or class name`,
        );
      } else if (r.method !== null && !hit.some((o) => o.methods.some((m) => r.method!.test(m)))) {
        const methods = [...new Set(hit.flatMap((o) => o.methods))].sort().join(', ');
        warnings.push(
          `filter rule '${r.text}' matches no method of ${hit.map((o) => o.name).join(', ')} (methods: ${methods})`,
        );
      }
    }
    return warnings;
  }

  toString(): string {
    return this.all ? '*' : this.spec;
  }
}

function parseRule(text: string, spec: string): Rule {
  const dot = text.indexOf('.');
  const object = dot < 0 ? text : text.slice(0, dot);
  const method = dot < 0 ? null : text.slice(dot + 1);
  if (object === '' || method === '') {
    throw new Error(
      `object filter '${spec}': rule '${text}' is empty on one side; write OBJECT or OBJECT.METHOD (e.g. 'cache' or 'cache.get', '*' for any)`,
    );
  }
  return { text, object: glob(object), method: method === null ? null : glob(method) };
}

function glob(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}
