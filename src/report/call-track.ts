/**
 * CallTrack: the part of a TimelineRecorder that follows calls: each call's
 * lane (its thread, or the kernel context of a CPU), nesting, version
 * reached, end and flags, the intervals swaps held calls for, and the calls
 * a completed swap tore. The recorder feeds it `call.*` events, the swap
 * events that touch calls, and each thread's end.
 *
 * Interface: `entered/reached/exited(e)`, `threadEnded(thread, tick)`,
 * `onHeld(e)`, `onReleased(e)`, `onTransferred(swap, object)`,
 * `onSwapEnded(swap, completed)`; `depthMaxOf(thread)`, `kernelRows`;
 * `snapshot(endTick, share)` -> the call and held columns; `slots` (call
 * slots held: what memory the calls take).
 *
 * Invariants: only reads events; O(1) work per event plus a stack pop; a
 * closed call is offered to the retention (if any) unless it was held or may
 * still be torn, and a call taken by it is dropped (its slot reused). Held
 * intervals and their calls are always kept. Without a retention nothing is
 * dropped and the columns are exactly those of the whole run.
 */
import type { Stamped } from '../kernel/index.ts';
import type { SimulationEvent } from '../simulation/index.ts';
import { columns, copyColumns, SlotColumns } from './timeline-columns.ts';
import {
  CALL_ERROR,
  CALL_HELD,
  CALL_OPEN,
  CALL_TORN,
  type CallColumns,
  type HeldColumns,
} from './timeline-model.ts';
import type { TimelineRetention } from './timeline-retention.ts';
import { NO_END } from './swap-track.ts';

type Event = Stamped<SimulationEvent>;
type Of<T extends Event['type']> = Extract<Event, { type: T }>;

const CALL_FIELDS = 'id thread cpu object label start end version depth parent flags'.split(
  ' ',
) as (keyof CallColumns)[];

export class CallTrack {
  private readonly labelIndex = new Map<string, number>();
  readonly labels: string[] = [];
  private readonly store = new SlotColumns<CallColumns>(CALL_FIELDS);
  private readonly calls = this.store.cols;
  private readonly held = columns<HeldColumns>(['call', 'swap', 'start', 'end']);
  /** Open call slots per lane: thread id, or -1 - cpu for a CPU's kernel context. */
  private readonly stacks = new Map<number, number[]>();
  private readonly depthMax = new Map<number, number>();
  /** CPU -> rows its kernel-context lane needs. */
  readonly kernelRows = new Map<number, number>();
  /** Open call slot by call id; open held index by call id. */
  private readonly openCalls = new Map<number, number>();
  private readonly openHeld = new Map<number, number>();
  /** Swap id -> calls in flight in an old version when it exported state (torn if it completes). */
  private readonly tornCandidates = new Map<number, number[]>();
  private readonly tornSlots = new Set<number>();

  constructor(private readonly retention: TimelineRetention | null) {}

  get slots(): number {
    return this.store.slots;
  }

  depthMaxOf(thread: number): number {
    return this.depthMax.get(thread) ?? 0;
  }

  private label(text: string): number {
    let i = this.labelIndex.get(text);
    if (i === undefined) {
      i = this.labels.length;
      this.labels.push(text);
      this.labelIndex.set(text, i);
    }
    return i;
  }

  private stackOf(thread: number, cpu: number): number[] {
    const key = thread >= 0 ? thread : -1 - cpu;
    let s = this.stacks.get(key);
    if (s === undefined) this.stacks.set(key, (s = []));
    return s;
  }

  entered(e: Of<'call.entered'>): void {
    const c = this.calls;
    const stack = this.stackOf(e.thread, e.cpu);
    const i = this.store.alloc();
    const depth = stack.length;
    [c.id[i], c.thread[i], c.cpu[i], c.object[i]] = [e.call, e.thread, e.cpu, e.object];
    c.label[i] = this.label(`${e.objectName}.${e.method}`);
    [c.start[i], c.end[i], c.version[i], c.depth[i]] = [e.tick, NO_END, 0, depth];
    c.parent[i] = depth > 0 ? stack[depth - 1] : -1;
    c.flags[i] = 0;
    stack.push(i);
    this.openCalls.set(e.call, i);
    if (e.thread >= 0) {
      if (depth > (this.depthMax.get(e.thread) ?? 0)) this.depthMax.set(e.thread, depth);
    } else if (depth + 1 > (this.kernelRows.get(e.cpu) ?? 0)) this.kernelRows.set(e.cpu, depth + 1);
  }

  reached(e: Of<'call.reached'>): void {
    const i = this.openCalls.get(e.call);
    if (i !== undefined) this.calls.version[i] = e.version;
  }

  exited(e: Of<'call.exited'>): void {
    const i = this.openCalls.get(e.call);
    if (i === undefined) return;
    if (e.error !== null) this.calls.flags[i] |= CALL_ERROR;
    const stack = this.stackOf(e.thread, this.calls.cpu[i]);
    const at = stack.lastIndexOf(i);
    if (at >= 0) this.popTo(stack, at + 1, e.tick, CALL_OPEN);
    if (at >= 0) stack.pop();
    this.closeCall(i, e.tick, 0);
  }

  /** A thread ended: its calls still open did not exit (flagged). */
  threadEnded(thread: number, tick: number): void {
    const stack = this.stacks.get(thread);
    if (stack === undefined) return;
    this.popTo(stack, 0, tick, CALL_OPEN);
    this.stacks.delete(thread);
  }

  /** Close every call above `depth` on a stack (they did not exit: flag them). */
  private popTo(stack: number[], depth: number, tick: number, flag: number): void {
    while (stack.length > depth) this.closeCall(stack.pop()!, tick, flag);
  }

  private closeCall(i: number, tick: number, flag: number): void {
    const c = this.calls;
    c.end[i] = tick;
    c.flags[i] |= flag;
    this.openCalls.delete(c.id[i]);
    const h = this.openHeld.get(c.id[i]);
    if (h !== undefined) this.closeHeld(c.id[i], h, tick);
    this.offer(i);
  }

  /** Hand a closed call to the retention unless it must stay exact. */
  private offer(i: number): void {
    const r = this.retention;
    if (r === null || (this.calls.flags[i] & CALL_HELD) !== 0 || this.tornSlots.has(i)) return;
    if (r.callClosed(this.calls, i, this.labels[this.calls.label[i]])) this.store.release(i);
  }

  private closeHeld(callId: number, h: number, tick: number): void {
    this.held.end[h] = tick;
    this.openHeld.delete(callId);
  }

  onHeld(e: Of<'swap.call-held'>): boolean {
    const i = this.openCalls.get(e.call);
    if (i === undefined) return false;
    this.calls.flags[i] |= CALL_HELD;
    this.openHeld.set(e.call, this.held.call.length);
    this.held.call.push(i);
    this.held.swap.push(e.swap);
    this.held.start.push(e.tick);
    this.held.end.push(NO_END);
    return true;
  }

  onReleased(e: Of<'swap.call-released'>): void {
    const h = this.openHeld.get(e.call);
    if (h !== undefined) this.closeHeld(e.call, h, e.tick);
  }

  /** Calls that reached `object` and are still in flight as a swap exports its state. */
  onTransferred(swap: number, object: number): void {
    const list = this.tornCandidates.get(swap) ?? [];
    for (const i of this.openCalls.values())
      if (this.calls.object[i] === object && this.calls.version[i] > 0) list.push(i);
    for (const i of list) this.tornSlots.add(i);
    if (list.length > 0) this.tornCandidates.set(swap, list);
  }

  /** A swap completed (its candidates are torn) or aborted; its candidates stay kept. */
  onSwapEnded(swap: number, completed: boolean): void {
    if (completed)
      for (const i of this.tornCandidates.get(swap) ?? []) this.calls.flags[i] |= CALL_TORN;
    this.tornCandidates.delete(swap);
  }

  /** The call and held columns; anything still open is closed at endTick and flagged. */
  snapshot(endTick: number, share: boolean): { calls: CallColumns; held: HeldColumns } {
    const { columns: calls, remap } = this.store.snapshot(endTick, share, 'flags');
    const slotOf = (i: number): number => (remap === null ? i : remap[i]);
    for (const i of this.openCalls.values()) calls.flags[slotOf(i)] |= CALL_OPEN;
    const held = copyColumns(this.held, endTick, share && remap === null);
    if (remap === null) return { calls, held };
    // A parent dropped (or its slot reused later, so placed after the child) becomes -1.
    for (let k = 0; k < calls.parent.length; k++) {
      const p = calls.parent[k];
      calls.parent[k] = p >= 0 && remap[p] >= 0 && remap[p] < k ? remap[p] : -1;
    }
    return { calls, held: { ...held, call: held.call.map((i) => remap[i]) } };
  }
}
