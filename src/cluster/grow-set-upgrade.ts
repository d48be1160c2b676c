/**
 * growSetUpgrade: the paper's GrowSet -> IntSet example (docs/UPSTART.md,
 * "GrowSet to IntSet"). GrowSet (version 1) has insert and isIn; IntSet
 * (version 2) adds remove. Invariant 'same-elements': the old and new
 * abstract states are the same set. The future SO (on a node still at 1)
 * cannot simulate remove: a GrowSet never loses an element, so removing
 * from the new view alone would break the invariant. remove is disallowed.
 * The past SO delegates insert and isIn.
 */
import type { Upgrade } from './upgrade.ts';

export class GrowSet {
  protected elems = new Set<number>();
  insert(x: number): boolean {
    const had = this.elems.has(x);
    this.elems.add(x);
    return !had;
  }
  isIn(x: number): boolean {
    return this.elems.has(x);
  }
  view(): number[] {
    return [...this.elems].sort((a, b) => a - b);
  }
  exportFormats(): string[] {
    return ['elems'];
  }
  exportState(): number[] {
    return this.view();
  }
  importFormats(): string[] {
    return ['elems'];
  }
  importState(_f: string, v: unknown): void {
    this.elems = new Set(v as number[]);
  }
}

export class IntSet extends GrowSet {
  remove(x: number): boolean {
    return this.elems.delete(x);
  }
}

const sameSet = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export const growSetUpgrade: Upgrade = {
  name: 'GrowSet->IntSet',
  from: 1,
  to: 2,
  oldClass: GrowSet,
  newClass: IntSet,
  invariant: { name: 'same-elements', holds: sameSet },
  oldView: (impl: GrowSet) => impl.view(),
  newView: (impl: IntSet) => impl.view(),
  transform: (v) => v,
  retro: (v) => v,
  future: { remove: 'disallow' },
};
