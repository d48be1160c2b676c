/**
 * CpuMediation: per-CPU swap mediation (K42's CObjRootMediator, whose
 * mediator is a clustered object with a rep per VP). Swap option
 * `mediation: 'per-cpu'`; the default, 'global', keeps one phase for the
 * whole swap.
 *
 * Each CPU's mediator has its own phase, 'forward' or 'block'. At the start
 * of forward, a CPU on which the swap's objects have a rep (a call through
 * the table reached them there: TableEntry.transSet, K42's getTransSet) or
 * on which a thread with a call inside them is counted starts in forward and
 * asks for quiescence on that CPU alone (its own generation marker, K42's
 * per-VP worker thread); when the marker elapses, that CPU moves to block.
 * A CPU with no rep starts in block (K42 creates a missing mediator rep in
 * BLOCK: it has no call in flight to wait for). The swap leaves forward
 * when every CPU is in block (K42's root phase switch by the last worker).
 *
 * Interface: `begin(repCpus, then)` starts the per-CPU waits (`then` runs
 * once every CPU is in block); `phaseAt(cpu)`; `cancel()` (abort);
 * `blockers()` the threads holding back the CPUs still in forward; `leftAt`
 * the tick each CPU left forward. Every change is a `swap.cpu-phase` event
 * (cpu order at the start, then in the order markers elapse), so the same
 * seed gives the same events.
 *
 * Invariant: `forwardCount` is the number of CPUs in forward; a CPU moves
 * forward -> block at most once and never back.
 */
import type { Kernel } from '../kernel/index.ts';
import type { MarkerMode, QuiescenceRequest } from '../quiescence/index.ts';
import type { TableEntry } from '../translation-table/index.ts';
import type { BlockerReport } from './swap-events.ts';
import type { SwapHost } from './swap-host.ts';

/** How a swap's mediator keeps its phase: one for the swap, or one per CPU. */
export type Mediation = 'global' | 'per-cpu';
export const MEDIATIONS: readonly Mediation[] = ['global', 'per-cpu'];

export type CpuPhase = 'forward' | 'block';

/** Refuse a mediation that is not 'global' or 'per-cpu', naming where it came from. */
export function checkMediation(mediation: unknown, where: string): void {
  if (mediation !== undefined && !MEDIATIONS.includes(mediation as Mediation))
    throw new RangeError(
      `${where} must be one of ${MEDIATIONS.join(', ')}, got '${String(mediation)}'`,
    );
}

/**
 * The CPUs that start in forward: those where a call reached one of the
 * objects (its transSet; a clustered object's reps too), and those where a
 * thread with a call inside one of them is counted (a thread may have moved
 * since its count began: its CPU's marker is the one that covers it).
 */
export function repCpus(host: SwapHost, entries: readonly TableEntry[]): Set<number> {
  const k = host.kernel;
  const cpus = new Set<number>();
  for (const e of entries)
    for (let c = 0; c < k.cpus.length; c++)
      if (e.reachedOn(c) || e.reps?.[c] !== undefined) cpus.add(c);
  for (const t of k.threads.values()) {
    if (!t.frames.some((f) => entries.includes((f as { entry?: TableEntry }).entry!))) continue;
    const c = host.quiescence.countedCpuOf(t);
    if (c >= 0) cpus.add(c);
  }
  return cpus;
}

export class CpuMediation {
  readonly phases: CpuPhase[];
  /** Tick each CPU left forward (the start tick for a CPU with no rep; -1 while in forward). */
  readonly leftAt: number[];
  private readonly requests: (QuiescenceRequest | null)[];
  private forwardCount = 0;

  constructor(
    private readonly host: SwapHost,
    private readonly swap: number,
    private readonly markers: MarkerMode,
  ) {
    const n = host.kernel.cpus.length;
    this.phases = new Array<CpuPhase>(n).fill('block');
    this.leftAt = new Array<number>(n).fill(-1);
    this.requests = new Array<QuiescenceRequest | null>(n).fill(null);
  }

  private get kernel(): Kernel {
    return this.host.kernel;
  }

  /** Put each CPU in its first phase and wait on the forward ones; `then` once all are in block. */
  begin(reps: ReadonlySet<number>, label: string, then: () => void): void {
    const now = this.kernel.now;
    for (let c = 0; c < this.phases.length; c++) {
      const forward = reps.has(c);
      this.phases[c] = forward ? 'forward' : 'block';
      if (forward) this.forwardCount++;
      else this.leftAt[c] = now;
      this.emit(c, this.phases[c], !forward);
    }
    if (this.forwardCount === 0) return then();
    for (let c = 0; c < this.phases.length; c++) {
      if (this.phases[c] !== 'forward') continue;
      this.requests[c] = this.host.quiescence.request(() => this.leave(c, then), {
        cpus: [c],
        label: `${label} cpu ${c}`,
        markers: this.markers,
      });
    }
  }

  phaseAt(cpu: number): CpuPhase {
    return this.phases[cpu];
  }

  /** CPUs still in forward. */
  get inForward(): number {
    return this.forwardCount;
  }

  /** Abort: drop the waits still pending. */
  cancel(): void {
    for (const [c, r] of this.requests.entries()) {
      if (r !== null) this.host.quiescence.cancel(r);
      this.requests[c] = null;
    }
  }

  /** The threads holding back the CPUs still in forward (their markers' blockers). */
  blockers(): BlockerReport[] {
    const seen = new Set<number>();
    const out: BlockerReport[] = [];
    for (const r of this.requests) {
      if (r === null) continue;
      for (const b of this.host.quiescence.blockers(r))
        if (!seen.has(b.thread)) {
          seen.add(b.thread);
          out.push(b);
        }
    }
    return out;
  }

  /** CPU `c`'s marker elapsed: its calls begun before the mediator are done; it blocks. */
  private leave(c: number, then: () => void): void {
    this.requests[c] = null;
    if (this.phases[c] !== 'forward') return;
    this.phases[c] = 'block';
    this.leftAt[c] = this.kernel.now;
    this.emit(c, 'block', false);
    if (--this.forwardCount === 0) then();
  }

  private emit(cpu: number, phase: CpuPhase, noRep: boolean): void {
    if (this.host.bus.on)
      this.host.bus.emit({
        type: 'swap.cpu-phase',
        swap: this.swap,
        cpu,
        phase,
        ...(noRep ? { noRep: true as const } : {}),
      });
  }
}
