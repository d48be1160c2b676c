/**
 * HotSwapper: starts swaps and keeps what spans them: the swap ids, the lock
 * per object (one swap at a time, K42 mhSwitchEntry), the threads held by
 * each swap, and the wait-for graph over them.
 *
 * Interface: `hotswap(entry, New, options)` -> Swap; `swapTogether(pairs,
 * options)` -> one Swap over several objects (all complete or all roll back;
 * a thread inside any of them is exempt from holding on all of them, so a
 * call cycle inside the unit drains instead of deadlocking);
 * `updateClass(Old, New, options)` -> ClassUpdate (K42 Factory::Update).
 *
 * Deadlock: holding thread T on swap S closes a cycle if S waits (in block)
 * for a thread that is held by a swap that waits ... for T. The swap that
 * would close the cycle is aborted instead, with the cycle in its reason,
 * and its held calls go to the old object: never a silent hang.
 */
import type { EventSink, Kernel } from '../kernel/index.ts';
import type { TableEntry, TranslationTable } from '../translation-table/index.ts';
import type { Interposer } from '../interposition/index.ts';
import type { QuiescenceDetector } from '../quiescence/index.ts';
import { ClassUpdate } from './class-update.ts';
import type { SwapEvent } from './swap-events.ts';
import { SwapMember } from './swap-member.ts';
import { checkSwapOptions, type SwapOptions } from './swap-options.ts';
import type { SwapHost } from './swap-host.ts';
import { Swap } from './swap.ts';

export class HotSwapper implements SwapHost {
  readonly heldBy = new Map<number, Swap>();
  readonly swaps: Swap[] = [];

  constructor(
    readonly kernel: Kernel,
    readonly table: TranslationTable,
    readonly interposer: Interposer,
    readonly quiescence: QuiescenceDetector,
    readonly bus: EventSink<SwapEvent>,
  ) {}

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

  updateClass(Old: Function, New: Function, options: SwapOptions): ClassUpdate {
    const factory = this.table.factoryOf(Old);
    const instances = [...factory.instances];
    factory.next = New;
    this.table.factoryOf(New).version = factory.version + 1;
    return new ClassUpdate(
      Old.name,
      New.name,
      instances.map((e) => this.hotswap(e, New, options)),
    );
  }

  findCycle(swap: Swap, thread: number): string | null {
    const seen = new Set<Swap>([swap]);
    const walk = (s: Swap, path: string[]): string | null => {
      for (const u of s.insideThreads()) {
        const step = [...path, `swap ${s.id} waits for thread ${u}`];
        if (u === thread)
          return [`thread ${thread} would be held by swap ${swap.id}`, ...step.slice(0)].join(
            ' -> ',
          );
        const next = this.heldBy.get(u);
        if (next === undefined || seen.has(next)) continue;
        seen.add(next);
        const found = walk(next, [...step, `thread ${u} is held by swap ${next.id}`]);
        if (found !== null) return found;
      }
      return null;
    };
    return walk(swap, []);
  }

  settled(swap: Swap): void {
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
