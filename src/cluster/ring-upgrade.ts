/**
 * ringNullUpgrade: the paper's null upgrade of a DHT-like ring
 * (docs/UPSTART.md, "The ring and its null upgrade"). Every node serves a
 * RingStore, the key-value store of the keys the ring assigns it; the
 * upgrade replaces it with RingStoreV2, the same code under a new version.
 *
 * A null upgrade changes no behaviour: the invariant 'same-table' says the
 * old and new abstract states (the sorted key-value pairs) are equal, the
 * transform and retro are the identity, and both SOs delegate every method.
 * It exercises the machinery alone (versions on the wire, SOs, hot swaps
 * under load, the rolling schedule): the expected count of disallowed calls
 * is zero.
 *
 * Interface: `RingStore` (put(key, value) -> previous value or null,
 * get(key) -> value or null, size()); `ringPositions(prng, n)` places n nodes
 * on a ring of RING_SIZE points; `ringOwner(positions, key)` is the node
 * whose position is the first at or after the key's hash (wrapping).
 */
import type { Prng } from '../kernel/index.ts';
import type { Upgrade } from './upgrade.ts';

export const RING_SIZE = 1 << 16;

export class RingStore {
  protected table = new Map<number, string>();
  put(key: number, value: string): string | null {
    const prev = this.table.get(key) ?? null;
    this.table.set(key, value);
    return prev;
  }
  get(key: number): string | null {
    return this.table.get(key) ?? null;
  }
  size(): number {
    return this.table.size;
  }
  view(): [number, string][] {
    return [...this.table].sort((a, b) => a[0] - b[0]);
  }
  exportFormats(): string[] {
    return ['pairs'];
  }
  exportState(): [number, string][] {
    return this.view();
  }
  importFormats(): string[] {
    return ['pairs'];
  }
  importState(_f: string, v: unknown): void {
    this.table = new Map(v as [number, string][]);
  }
}

/** Version 2: the same code (a null upgrade). */
export class RingStoreV2 extends RingStore {}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export const ringNullUpgrade: Upgrade = {
  name: 'RingStore null upgrade',
  from: 1,
  to: 2,
  oldClass: RingStore,
  newClass: RingStoreV2,
  invariant: { name: 'same-table', holds: same },
  oldView: (impl: RingStore) => impl.view(),
  newView: (impl: RingStore) => impl.view(),
  transform: (v) => v,
  retro: (v) => v,
};

/** n distinct positions on the ring, one per node, drawn from prng. */
export function ringPositions(prng: Prng, n: number): number[] {
  if (!Number.isInteger(n) || n < 1 || n > RING_SIZE)
    throw new RangeError(`ringPositions: n must be an integer in 1..${RING_SIZE}, got ${n}`);
  const taken = new Set<number>();
  const out: number[] = [];
  while (out.length < n) {
    const p = prng.int(0, RING_SIZE - 1);
    if (taken.has(p)) continue;
    taken.add(p);
    out.push(p);
  }
  return out;
}

/** The key's point on the ring (a fixed multiplicative hash). */
export function ringHash(key: number): number {
  return (Math.imul(key | 0, 0x9e3779b1) >>> 16) & (RING_SIZE - 1);
}

/** The node owning `key`: the first position at or after its hash, wrapping. */
export function ringOwner(positions: readonly number[], key: number): number {
  const h = ringHash(key);
  let best = -1;
  let lowest = 0;
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i];
    if (p >= h && (best < 0 || p < positions[best])) best = i;
    if (p < positions[lowest]) lowest = i;
  }
  return best < 0 ? lowest : best;
}
