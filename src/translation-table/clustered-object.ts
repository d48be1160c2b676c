/**
 * ClusteredObject: a kernel object with one representative per CPU (K42
 * clustered objects, CObjRootMultiRep). Extend it and every CPU that calls
 * the object gets its own instance (rep), created lazily on that CPU's first
 * call (a miss in that CPU's local table goes to the root, which makes it).
 *
 * Interface: inside a rep, `this.cluster` is the root's view: `reps()` (the
 * reps made so far, by CPU), `repOn(cpu)`, `cpus()` and `cpu` (this rep's
 * own CPU). `this.cluster` is attached right after construction, so use it
 * in methods, not in the constructor.
 *
 * Invariant: reps of one object never share mutable state except through the
 * cluster view; the root knows exactly which CPUs have reps (its trans set).
 */
export interface Cluster<Rep> {
  /** The CPU this rep belongs to. */
  readonly cpu: number;
  /** Reps made so far, ordered by CPU. */
  reps(): readonly Rep[];
  repOn(cpu: number): Rep | undefined;
  /** CPUs that have a rep (K42's trans set). */
  cpus(): readonly number[];
}

export abstract class ClusteredObject<Rep = unknown> {
  /** The root's view, attached by the table after construction. */
  cluster!: Cluster<Rep>;
}

export function isClusteredClass(cls: Function): boolean {
  return cls.prototype instanceof ClusteredObject;
}

/** Give `rep` (on `cpu`) its root's view over `reps`, the array the root keeps its reps in. */
export function attachClusterView(
  reps: readonly (object | undefined)[],
  rep: object,
  cpu: number,
): void {
  const view: Cluster<object> = {
    cpu,
    reps: () => reps.filter((r): r is object => r !== undefined),
    repOn: (c) => reps[c],
    cpus: () => reps.flatMap((r, c) => (r === undefined ? [] : [c])),
  };
  (rep as ClusteredObject<object>).cluster = view;
}
