/**
 * SwapTrack: the part of a TimelineRecorder that follows swaps and
 * quiescence requests: each swap's phases (with their spans), outcome,
 * transfers, stalls, hold counts and, under per-CPU mediation, each CPU's
 * own phase changes (`swap.cpu-phase`), and each request's request, reach and
 * cancel ticks. The recorder feeds it `swap.*` and `quiescence.*` events;
 * the calls a swap holds are the recorder's (they live on call lanes), so it
 * reports them here with `noteHeld` / `noteReleased`.
 *
 * Invariants: only reads events; `snapshot(endTick)` closes what is still
 * open at endTick (a phase without an end ends when the swap was done, or at
 * endTick) and shares no array with the records.
 */
import type { Stamped } from '../kernel/index.ts';
import { describeBlockers, type SwapPhase } from '../hotswap/index.ts';
import type { SimulationEvent } from '../simulation/index.ts';
import type { QuiescenceInfo, SwapInfo } from './timeline-model.ts';

type Event = Stamped<SimulationEvent>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };
type SwapRec = Mutable<SwapInfo>;
type QuiescenceRec = Mutable<QuiescenceInfo>;

/** The end of a span that has not ended yet. */
export const NO_END = -1;

export class SwapTrack {
  private readonly quiescence = new Map<number, QuiescenceRec>();
  private readonly swaps = new Map<number, SwapRec>();

  onQuiescence(e: Event): void {
    if (e.type === 'quiescence.requested') {
      this.quiescence.set(e.request, {
        request: e.request,
        label: e.label,
        detector: e.detector,
        cpus: [...e.cpus],
        requestedTick: e.tick,
        reachedTick: null,
        cancelledTick: null,
        latencyTicks: null,
        lagTicks: null,
      });
    } else if (e.type === 'quiescence.reached') {
      const q = this.quiescence.get(e.request);
      if (q !== undefined)
        Object.assign(q, {
          reachedTick: e.tick,
          latencyTicks: e.latencyTicks,
          lagTicks: e.lagTicks,
        });
    } else if (e.type === 'quiescence.cancelled') {
      const q = this.quiescence.get(e.request);
      if (q !== undefined) q.cancelledTick = e.tick;
    }
  }

  onSwap(e: Event): void {
    if (e.type === 'swap.requested') {
      this.swaps.set(e.swap, newSwap(e));
      return;
    }
    if (!('swap' in e)) return;
    const s = this.swaps.get(e.swap);
    if (s === undefined) return;
    switch (e.type) {
      case 'swap.phase-changed':
        return onPhase(s, e.phase, e.tick);
      case 'swap.refused':
        return void Object.assign(s, { outcome: 'refused', reason: e.reason, outcomeTick: e.tick });
      case 'swap.completed':
        return void Object.assign(s, {
          outcome: 'completed',
          outcomeTick: e.tick,
          forwarded: e.forwarded,
          held: e.held,
          maxHoldTicks: e.maxHoldTicks,
        });
      case 'swap.aborted': {
        const blockers = e.blockers.length > 0 ? describeBlockers(e.blockers) : '';
        const reason =
          blockers === '' || e.reason.includes(blockers) ? e.reason : `${e.reason}; ${blockers}`;
        return void Object.assign(s, {
          outcome: 'aborted',
          reason,
          abortedIn: e.phase,
          outcomeTick: e.tick,
        });
      }
      case 'swap.stalled':
        return void s.stalls.push({
          tick: e.tick,
          phase: e.phase,
          blockers: describeBlockers(e.blockers),
        });
      case 'swap.transferred':
        return void s.transfers.push({ tick: e.tick, object: e.object, format: e.format });
      case 'swap.cpu-phase':
        return void s.cpuPhases.push({
          tick: e.tick,
          cpu: e.cpu,
          phase: e.phase,
          noRep: e.noRep === true,
        });
    }
  }

  /** Swap `swap` held one more call. */
  noteHeld(swap: number): void {
    const s = this.swaps.get(swap);
    if (s !== undefined) s.held++;
  }

  /** Swap `swap` released a call it held for `heldTicks`. */
  noteReleased(swap: number, heldTicks: number): void {
    const s = this.swaps.get(swap);
    if (s !== undefined && heldTicks > s.maxHoldTicks) s.maxHoldTicks = heldTicks;
  }

  snapshot(endTick: number): { swaps: SwapInfo[]; quiescence: QuiescenceInfo[] } {
    return {
      swaps: [...this.swaps.values()].map((s) => snapshotSwap(s, endTick)),
      quiescence: [...this.quiescence.values()].map((q) => ({ ...q, cpus: [...q.cpus] })),
    };
  }
}

function newSwap(e: Extract<Event, { type: 'swap.requested' }>): SwapRec {
  return {
    swap: e.swap,
    objects: [...e.objects],
    from: [...e.from],
    to: [...e.to],
    requestedTick: e.tick,
    doneTick: null,
    phases: [{ phase: 'negotiate', start: e.tick, end: NO_END }],
    outcome: 'pending',
    reason: '',
    abortedIn: null,
    outcomeTick: null,
    forwarded: 0,
    held: 0,
    maxHoldTicks: 0,
    transfers: [],
    stalls: [],
    cpuPhases: [],
  };
}

function onPhase(s: SwapRec, phase: SwapPhase, tick: number): void {
  const last = s.phases[s.phases.length - 1];
  if (last !== undefined && last.end === NO_END)
    s.phases[s.phases.length - 1] = { ...last, end: tick };
  if (phase === 'done') s.doneTick = tick;
  else s.phases.push({ phase, start: tick, end: NO_END });
}

function snapshotSwap(s: SwapRec, endTick: number): SwapInfo {
  const end = s.doneTick ?? endTick;
  return {
    ...s,
    objects: [...s.objects],
    from: [...s.from],
    to: [...s.to],
    transfers: s.transfers.map((t) => ({ ...t })),
    stalls: s.stalls.map((t) => ({ ...t })),
    cpuPhases: s.cpuPhases.map((m) => ({ ...m })),
    phases: s.phases.map((p) => ({ ...p, end: p.end === NO_END ? end : p.end })),
  };
}
