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
  readonly instances = new Set<TableEntry>();
  next: Function | null = null;
  version = 1;

  constructor(readonly cls: Function) {}

  get name(): string {
    return this.cls.name;
  }
}
