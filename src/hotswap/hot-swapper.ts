/**
 * HotSwapper: starts swaps and keeps what spans them: the swap ids, the lock
 * per object (one swap at a time, K42 mhSwitchEntry), the threads held by
 * each swap, and the wait-for graph over them.
 *
 * Interface: `hotswap(entry, New, options)` -> Swap; `swapTogether(pairs,
 * options)` -> one Swap over several objects (all complete or all roll back;
 * a thread inside any of them is exempt from holding on all of them, so a
 * call cycle inside the unit drains instead of deadlocking);
 * `updateClass(Old, New, options)` -> ClassUpdate (K42 Factory::Update:
 * the instances and the factory; refused unless the new class's version is
 * the old one's + 1, or `versionSkip: true`).
 *
 * Deadlock: holding thread T on swap S closes a cycle if S waits (in block)
 * for a thread that is held by a swap that waits ... for T. The swap that
 * would close the cycle is aborted instead, with the cycle in its reason,
 * and its held calls go to the old object: never a silent hang.
 */
import type { EventSink, Kernel } from '../kernel/index.ts';
import {
  declaredVersion,
  type TableEntry,
  type TranslationTable,
} from '../translation-table/index.ts';
import type { Interposer } from '../interposition/index.ts';
import type { MarkerMode, QuiescenceDetector } from '../quiescence/index.ts';
import { ClassUpdate } from './class-update.ts';
import type { SwapEvent } from './swap-events.ts';
import { SwapMember } from './swap-member.ts';
import { checkSwapOptions, type ClassUpdateOptions, type SwapOptions } from './swap-options.ts';
import type { SwapHost, SwapPlant } from './swap-host.ts';
import { Swap } from './swap.ts';
import type { SwapBookkeeping } from './swap-bookkeeping.ts';
import type { StrategyName } from './swap-strategy.ts';
import type { Mediation } from './cpu-mediation.ts';
import { UpdatePointWaiters } from './update-point-waiters.ts';
import type { Transactions } from '../transactions/index.ts';

export class HotSwapper implements SwapHost {
  readonly heldBy = new Map<number, SwapBookkeeping>();
  /** Thread id -> the swaps it has a tracked call in flight in. */
  private readonly insideOf = new Map<number, Set<SwapBookkeeping>>();
  readonly swaps: Swap[] = [];
  readonly updatePoints: UpdatePointWaiters;
  /** Swaps of a class update -> what to do when one settles (the factory's swap or roll back). */
  private readonly onSettled = new Map<SwapBookkeeping, () => void>();
  /** Planted core bugs (swap-host.ts); empty unless plantCoreBug added one. */
  readonly planted = new Set<SwapPlant>();
  /** The simulation's transactions (set by the Simulation; strategy rollback). */
  transactions: Transactions | null = null;

  constructor(
    readonly kernel: Kernel,
    readonly table: TranslationTable,
    readonly interposer: Interposer,
    readonly quiescence: QuiescenceDetector,
    readonly bus: EventSink<SwapEvent>,
    readonly strategy: StrategyName = 'quiescence',
    readonly swapWait: MarkerMode = 'per-cpu',
    readonly mediation: Mediation = 'global',
  ) {
    this.updatePoints = new UpdatePointWaiters(kernel, bus);
    kernel.updatePoints = this.updatePoints;
  }

  hotswap(entry: TableEntry, New: Function, options: SwapOptions): Swap {
    return this.swapTogether([[entry, New]], options);
  }

  swapTogether(pairs: readonly (readonly [TableEntry, Function])[], options: SwapOptions): Swap {
    checkSwapOptions(options);
    for (const [, New] of pairs) {
      if (typeof New !== 'function' || New.prototype === undefined)
        throw new TypeError(`hotswap: the new implementation must be a class, got ${typeof New}`);
    }
    const ids = pairs.map(([e]) => e.id);
    if (new Set(ids).size !== ids.length)
      throw new RangeError(`swapTogether: an object is listed twice (${ids.join(', ')})`);
    const swap = new Swap(
      this.swaps.length + 1,
      this,
      pairs.map(([e, New]) => new SwapMember(e, New)),
      options,
    );
    this.swaps.push(swap);
    swap.start();
    return swap;
  }

  updateClass(Old: Function, New: Function, options: ClassUpdateOptions): ClassUpdate {
    const { versionSkip, ...swapOptions } = options;
    checkSwapOptions(swapOptions);
    if (versionSkip !== undefined && typeof versionSkip !== 'boolean')
      throw new RangeError(
        `updateClass: option versionSkip must be true or false, got ${String(versionSkip)}`,
      );
    for (const [what, cls] of [
      ['old', Old],
      ['new', New],
    ] as const) {
      if (typeof cls !== 'function' || cls.prototype === undefined)
        throw new TypeError(`updateClass: the ${what} class must be a class, got ${typeof cls}`);
    }
    if (Old === New)
      throw new RangeError(
        `updateClass: ${Old.name} cannot replace itself; give a different class`,
      );
    const factory = this.table.factoryOf(Old);
    const next = this.table.factoryOf(New);
    const version = checkVersion(Old, New, factory.version, versionSkip === true);
    const instances = [...factory.instances];
    const undo = { next: next.next, version: next.version };
    next.next = null; // a downgrade (B back to A) must not leave A -> B -> A
    factory.next = New;
    next.version = version;
    const update = new ClassUpdate(
      Old.name,
      New.name,
      instances.map((e) => this.hotswap(e, New, swapOptions)),
      factory.version,
      version,
    );
    const settle = (): void => {
      if (update.factory !== 'pending' || update.outcome === 'pending') return;
      update.factory = update.outcome === 'aborted' ? 'rolled back' : 'swapped';
      if (update.factory === 'swapped') return;
      factory.next = null;
      next.next = undo.next;
      next.version = undo.version;
    };
    for (const s of update.swaps) if (s.outcome === 'pending') this.onSettled.set(s, settle);
    settle();
    return update;
  }

  /** Swap `swap` now has a tracked call of `thread` in flight (depth 0 -> 1). */
  enterInside(thread: number, swap: SwapBookkeeping): void {
    let set = this.insideOf.get(thread);
    if (set === undefined) this.insideOf.set(thread, (set = new Set()));
    set.add(swap);
  }

  /** ...and no longer (depth 1 -> 0). */
  leaveInside(thread: number, swap: SwapBookkeeping): void {
    const set = this.insideOf.get(thread);
    if (set === undefined) return;
    set.delete(swap);
    if (set.size === 0) this.insideOf.delete(thread);
  }

  /**
   * Would holding `thread` on `swap` close a cycle? Search backwards from the
   * thread: the swaps waiting for it (it is inside them), the threads those
   * swaps hold, the swaps waiting for those, ... A thread inside no swap (the
   * common case) answers at once.
   */
  findCycle(swap: SwapBookkeeping, thread: number): string | null {
    const first = this.insideOf.get(thread);
    if (first === undefined) return null;
    const via = new Map<SwapBookkeeping, { waitsFor: number; next: SwapBookkeeping | null }>();
    const queue: SwapBookkeeping[] = [];
    for (const x of first) {
      via.set(x, { waitsFor: thread, next: null });
      queue.push(x);
    }
    for (let i = 0; i < queue.length; i++) {
      const x = queue[i];
      if (x === swap) return describeCycle(swap, thread, via);
      for (const held of x.heldThreads()) {
        for (const y of this.insideOf.get(held) ?? []) {
          if (via.has(y)) continue;
          via.set(y, { waitsFor: held, next: x });
          queue.push(y);
        }
      }
    }
    return null;
  }

  settled(swap: SwapBookkeeping): void {
    const update = this.onSettled.get(swap);
    if (update !== undefined) {
      this.onSettled.delete(swap);
      update();
    }
    for (const m of swap.members) {
      const ext = m.entry.ext;
      if (ext && ext.pendingDestroy !== null) {
        const reason = ext.pendingDestroy;
        ext.pendingDestroy = null;
        this.table.destroy(m.entry, reason);
      }
    }
  }
}

/**
 * The new class's version: its own `static version`, else old + 1. K42's
 * Factory::Update takes only old + 1; `versionSkip` (named for what it
 * allows) accepts any later one. Never one at or below the old version.
 */
function checkVersion(Old: Function, New: Function, old: number, skip: boolean): number {
  const declared = declaredVersion(New);
  if (declared === null) return old + 1;
  if (!Number.isInteger(declared) || declared < 1)
    throw new RangeError(
      `updateClass: ${New.name}.version must be an integer >= 1, got ${String(declared)}`,
    );
  if (declared === old + 1 || (skip && declared > old)) return declared;
  const fix =
    declared > old
      ? `declare static version = ${old + 1}, or pass versionSkip: true to skip versions`
      : `a version only goes up: declare static version = ${old + 1} (a rollback is a new version)`;
  throw new RangeError(
    `updateClass: ${New.name} declares version ${declared} but ${Old.name} is version ${old}; K42 takes only version ${old + 1}: ${fix}`,
  );
}

function describeCycle(
  swap: SwapBookkeeping,
  thread: number,
  via: Map<SwapBookkeeping, { waitsFor: number; next: SwapBookkeeping | null }>,
): string {
  const steps = [`thread ${thread} would be held by swap ${swap.id}`];
  for (let x: SwapBookkeeping | null = swap; x !== null;) {
    const v: { waitsFor: number; next: SwapBookkeeping | null } = via.get(x)!;
    steps.push(`swap ${x.id} waits for thread ${v.waitsFor}`);
    if (v.next !== null) steps.push(`thread ${v.waitsFor} is held by swap ${v.next.id}`);
    x = v.next;
  }
  return steps.join(' -> ');
}
