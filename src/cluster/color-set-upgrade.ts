/**
 * colorSetUpgrade, colorSetWeakUpgrade: the paper's ColorSet -> FlavorSet
 * example (docs/UPSTART.md, "ColorSet to FlavorSet"), with a stronger and a
 * weaker invariant and the calls each one disallows.
 *
 * ColorSet (version 1): insert(x, color), remove(x), isIn(x), colorOf(x),
 * colors red, green, blue. FlavorSet (version 2): insert(x, flavor),
 * remove(x), isIn(x), flavorOf(x), flavors cherry, lime, grape (the images
 * of red, green, blue under FLAVOR_OF) and vanilla, which no color maps to.
 * The state transfer maps each color to its flavor.
 *
 * Stronger invariant 'same-colored-integers': the same integers, and each
 * one's flavor is FLAVOR_OF its color. Every read can be simulated (a color
 * determines a flavor and back), but a vanilla element has no color, so
 * insert(x, vanilla) is disallowed: through the future SO on a version-1
 * node, and on an upgraded node too while the upgrade is active (`current`).
 *
 * Weaker invariant 'same-integers': only the integers correspond. A vanilla
 * insert is fine (the old object gets x with some color), but the color
 * of an element no longer determines its flavor or back: flavorOf through
 * the future SO and colorOf through the past SO are disallowed.
 */
import { DisallowedCallError, type Upgrade } from './upgrade.ts';

export type Color = 'red' | 'green' | 'blue';
export type Flavor = 'cherry' | 'lime' | 'grape' | 'vanilla';

export const FLAVOR_OF: Readonly<Record<Color, Flavor>> = {
  red: 'cherry',
  green: 'lime',
  blue: 'grape',
};
const FLAVORS: Readonly<Record<Flavor, true>> = {
  cherry: true,
  lime: true,
  grape: true,
  vanilla: true,
};
const COLOR_OF: Readonly<Record<string, Color>> = { cherry: 'red', lime: 'green', grape: 'blue' };

function checkKey<T extends string>(
  what: string,
  v: unknown,
  table: Readonly<Record<T, unknown>>,
): T {
  if (typeof v !== 'string' || !Object.hasOwn(table, v))
    throw new RangeError(
      `${what} must be one of ${Object.keys(table).join(', ')}, got ${String(v)}`,
    );
  return v as T;
}

/** Elements with a label, sorted by element: the common core of both classes. */
abstract class LabelledSet<L extends string> {
  protected elems = new Map<number, L>();
  remove(x: number): boolean {
    return this.elems.delete(x);
  }
  isIn(x: number): boolean {
    return this.elems.has(x);
  }
  view(): [number, L][] {
    return [...this.elems].sort((a, b) => a[0] - b[0]);
  }
  protected put(x: number, label: L): boolean {
    const had = this.elems.has(x);
    this.elems.set(x, label);
    return !had;
  }
}

export class ColorSet extends LabelledSet<Color> {
  insert(x: number, color: Color): boolean {
    return this.put(x, checkKey('ColorSet.insert: color', color, FLAVOR_OF));
  }
  colorOf(x: number): Color | null {
    return this.elems.get(x) ?? null;
  }
  exportFormats(): string[] {
    return ['colored'];
  }
  exportState(): [number, Color][] {
    return this.view();
  }
  importFormats(): string[] {
    return ['colored'];
  }
  importState(_f: string, v: unknown): void {
    this.elems = new Map(v as [number, Color][]);
  }
}

export class FlavorSet extends LabelledSet<Flavor> {
  insert(x: number, flavor: Flavor): boolean {
    return this.put(x, checkKey('FlavorSet.insert: flavor', flavor, FLAVORS));
  }
  flavorOf(x: number): Flavor | null {
    return this.elems.get(x) ?? null;
  }
  exportFormats(): string[] {
    return ['flavored'];
  }
  exportState(): [number, Flavor][] {
    return this.view();
  }
  importFormats(): string[] {
    return ['colored', 'flavored'];
  }
  importState(f: string, v: unknown): void {
    const pairs = v as [number, string][];
    this.elems = new Map(
      pairs.map(([x, l]) => [x, f === 'colored' ? FLAVOR_OF[l as Color] : (l as Flavor)]),
    );
  }
}

const STRONG = 'same-colored-integers';
const WEAK = 'same-integers';

type Pairs = [number, string][];
const integers = (v: unknown): number[] => (v as Pairs).map((p) => p[0]);
const sameIntegers = (a: unknown, b: unknown): boolean =>
  JSON.stringify(integers(a)) === JSON.stringify(integers(b));

/** A vanilla insert breaks the stronger invariant: vanilla has no color. */
function refuseVanilla(f: Flavor): void {
  if (f === 'vanilla') throw new DisallowedCallError(STRONG, 'insert', 2);
}

/** The swap stub that keeps colorOf on the entry for old callers (negotiate needs it). */
const colorOfStub = {
  colorOf: (t: FlavorSet) => (x: number) => {
    const f = t.flavorOf(x);
    return f === null ? null : (COLOR_OF[f] ?? null);
  },
};

const common = {
  from: 1,
  to: 2,
  oldClass: ColorSet,
  newClass: FlavorSet,
  oldView: (impl: ColorSet) => impl.view(),
  newView: (impl: FlavorSet) => impl.view(),
  swap: { stubs: colorOfStub },
} as const;

export const colorSetUpgrade: Upgrade = {
  ...common,
  name: 'ColorSet->FlavorSet (stronger)',
  invariant: {
    name: STRONG,
    holds: (a, b) =>
      sameIntegers(a, b) &&
      (a as Pairs).every(([, c], i) => FLAVOR_OF[c as Color] === (b as Pairs)[i][1]),
  },
  transform: (v) => (v as Pairs).map(([x, c]) => [x, FLAVOR_OF[c as Color]]),
  retro: (v) => (v as Pairs).map(([x, f]) => [x, COLOR_OF[f] ?? null]),
  future: {
    insert: (cur: ColorSet, x: number, f: Flavor) => {
      refuseVanilla(f);
      return cur.insert(x, COLOR_OF[checkKey('FlavorSet.insert: flavor', f, FLAVORS)]);
    },
    flavorOf: (cur: ColorSet, x: number) => {
      const c = cur.colorOf(x);
      return c === null ? null : FLAVOR_OF[c];
    },
  },
  past: {
    insert: (cur: FlavorSet, x: number, c: Color) =>
      cur.insert(x, FLAVOR_OF[checkKey('ColorSet.insert: color', c, FLAVOR_OF)]),
    colorOf: (cur: FlavorSet, x: number) => colorOfStub.colorOf(cur)(x),
  },
  current: {
    insert: (cur: FlavorSet, x: number, f: Flavor) => {
      refuseVanilla(f);
      return cur.insert(x, f);
    },
  },
};

/** The label a weak SO gives an element it inserts: any will do, the invariant ignores labels. */
const DEFAULT_COLOR: Color = 'red';
const DEFAULT_FLAVOR: Flavor = 'vanilla';

export const colorSetWeakUpgrade: Upgrade = {
  ...common,
  name: 'ColorSet->FlavorSet (weaker)',
  invariant: { name: WEAK, holds: sameIntegers },
  // labels are not related: the views map every label to a placeholder
  transform: (v) => (v as Pairs).map(([x]) => [x, DEFAULT_FLAVOR]),
  retro: (v) => (v as Pairs).map(([x]) => [x, DEFAULT_COLOR]),
  future: {
    insert: (cur: ColorSet, x: number, f: Flavor) =>
      cur.insert(x, (checkKey('FlavorSet.insert: flavor', f, FLAVORS), DEFAULT_COLOR)),
    flavorOf: 'disallow',
  },
  past: {
    insert: (cur: FlavorSet, x: number, c: Color) =>
      cur.insert(x, (checkKey('ColorSet.insert: color', c, FLAVOR_OF), DEFAULT_FLAVOR)),
    colorOf: 'disallow',
  },
};
