/**
 * Factory: the list of live instances of one class (K42 Factory), so a whole
 * class can be updated at once, and the redirect that sends new creations of
 * an old class to its replacement.
 *
 * Interface: `instances` (table entries whose current implementation is this
 * class), `next` (the class new creations are directed to, or null), and
 * `version`: the class's own `static version` when it declares one (an own
 * static property, so a subclass does not inherit its parent's), else 1;
 * a class update sets the new class's to old + 1 (K42 refuses any other,
 * src/hotswap/hot-swapper.ts). `declaredVersion(cls)` reads the static.
 */
import type { TableEntry } from './table-entry.ts';

/** The class's own `static version`, or null when it declares none. */
export function declaredVersion(cls: Function): number | null {
  const d = Object.getOwnPropertyDescriptor(cls, 'version');
  return d !== undefined && typeof d.value === 'number' ? d.value : null;
}

export class Factory {
  next: Function | null = null;
  version: number;

  /** The class name, read once (Function.prototype.name is a slow accessor on the call path). */
  readonly name: string;

  constructor(
    readonly cls: Function,
    /** The table's entries (a function, so describing a factory never walks the table). */
    private readonly allEntries: () => readonly TableEntry[],
  ) {
    this.name = cls.name;
    this.version = declaredVersion(cls) ?? 1;
  }

  /** Live entries whose implementation is this class, in creation order (a scan: updateClass is rare, creation is not). */
  get instances(): TableEntry[] {
    return this.allEntries().filter((e) => e.factory === this && e.state === 'live');
  }
}
