/**
 * Factory: the list of live instances of one class (K42 Factory), so a whole
 * class can be updated at once, and the redirect that sends new creations of
 * an old class to its replacement.
 *
 * Interface: `instances` (table entries whose current implementation is this
 * class), `next` (the class new creations are directed to, or null), and
 * `version` (1 for a class never replaced; K42 requires new = old + 1).
 */
import type { TableEntry } from './table-entry.ts';

export class Factory {
  next: Function | null = null;
  version = 1;

  /** The class name, read once (Function.prototype.name is a slow accessor on the call path). */
  readonly name: string;

  constructor(
    readonly cls: Function,
    /** The table's entries (a function, so describing a factory never walks the table). */
    private readonly allEntries: () => readonly TableEntry[],
  ) {
    this.name = cls.name;
  }

  /** Live entries whose implementation is this class, in creation order (a scan: updateClass is rare, creation is not). */
  get instances(): TableEntry[] {
    return this.allEntries().filter((e) => e.factory === this && e.state === 'live');
  }
}
