/**
 * Block addresses: a (file, block) pair names one block of one file.
 *
 *   blockKey(file, block)             the map key of a block, unambiguous for
 *                                     any file name
 *   checkAddress(where, file, block)  throws, naming the caller, unless file is
 *                                     a non-empty string and block an integer >= 0
 */
export function blockKey(file: string, block: number): string {
  return `${block}:${file}`;
}

export function checkAddress(where: string, file: unknown, block: unknown): void {
  if (typeof file !== 'string' || file.length === 0) {
    throw new TypeError(`${where}: file must be a non-empty string, got ${JSON.stringify(file)}`);
  }
  if (!Number.isInteger(block) || (block as number) < 0) {
    throw new RangeError(`${where}: block must be an integer >= 0, got ${String(block)}`);
  }
}
