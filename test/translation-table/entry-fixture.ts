/**
 * entryFixture: a real TableEntry (src/translation-table/table-entry.ts) made
 * outside a table, for tests of the call events' direct emitters, which
 * read the entry's id, name (given, or made from its Factory and id),
 * version and what the name is made from.
 *
 * Interface: `entryFixture(id, name, version = 1, cls = Fixture)`: `name`
 * null gives the default name `${cls.name}#${id}`.
 */
import { Factory, TableEntry } from '../../src/translation-table/index.ts';

export class Fixture {}

export function entryFixture(
  id: number,
  name: string | null,
  version = 1,
  cls: Function = Fixture,
): TableEntry {
  const e = new TableEntry(id, name, {}, false, [], new Factory(cls, () => []));
  e.version = version;
  return e;
}
