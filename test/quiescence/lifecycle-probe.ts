/**
 * LifecycleProbe (test helper): an independent soundness witness for any
 * quiescence detector. It sits on the kernel's ThreadLifecycle port in front
 * of the detector, so it sees every activate/deactivate the kernel makes
 * (the ground truth of which threads are counted, and on which CPU), and it
 * watches the event stream:
 *
 *   at `quiescence.requested`: snapshot the threads counted right now on the
 *     request's CPUs, each with the epoch of its current activation;
 *   at `quiescence.reached`: any snapshotted thread still counted in that
 *     same activation (alive, not exited, not self-deactivated, no quiescent
 *     point since) is a violation.
 *
 * It also cross-checks each snapshot against `kernel.threads` (alive threads
 * with `counted` set). It relies on no detector bookkeeping (not waitingFor).
 */
import type { Observable } from 'rxjs';
import type { Thread, ThreadLifecycle } from '../../src/kernel/index.ts';

interface ProbeEvent {
  readonly type: string;
  readonly tick: number;
  readonly request?: number;
  readonly cpus?: readonly number[];
}

export interface ProbedKernel {
  lifecycle: ThreadLifecycle;
  readonly threads: ReadonlyMap<number, Thread>;
}

export class LifecycleProbe implements ThreadLifecycle {
  readonly violations: string[] = [];
  requested = 0;
  reached = 0;
  private epoch = 0;
  private readonly counted = new Map<number, { cpu: number; epoch: number }>();
  private readonly snapshots = new Map<number, { thread: number; epoch: number }[]>();
  private readonly inner: ThreadLifecycle;

  constructor(
    private readonly kernel: ProbedKernel,
    events$: Observable<ProbeEvent>,
  ) {
    this.inner = kernel.lifecycle;
    kernel.lifecycle = this;
    events$.subscribe((e) => {
      if (e.type === 'quiescence.requested') this.onRequested(e);
      if (e.type === 'quiescence.reached') this.onReached(e);
    });
  }

  activate(thread: Thread, cpu: number): void {
    this.counted.set(thread.id, { cpu, epoch: ++this.epoch });
    this.inner.activate(thread, cpu);
  }

  deactivate(thread: Thread): void {
    this.counted.delete(thread.id);
    this.inner.deactivate(thread);
  }

  private onRequested(e: ProbeEvent): void {
    this.requested++;
    const cpus = new Set(e.cpus);
    const snap = [...this.counted]
      .filter(([, c]) => cpus.has(c.cpu))
      .map(([thread, c]) => ({ thread, epoch: c.epoch }));
    const fromKernel = [...this.kernel.threads.values()]
      .filter((t) => t.counted && cpus.has(this.counted.get(t.id)?.cpu ?? -1))
      .map((t) => t.id);
    const ids = snap.map((s) => s.thread).sort((a, b) => a - b);
    if (ids.join() !== fromKernel.sort((a, b) => a - b).join()) {
      this.violations.push(
        `request ${e.request} at ${e.tick}: probe saw [${ids.join()}] counted, kernel.threads says [${fromKernel.join()}]`,
      );
    }
    this.snapshots.set(e.request!, snap);
  }

  private onReached(e: ProbeEvent): void {
    this.reached++;
    for (const s of this.snapshots.get(e.request!) ?? []) {
      if (this.counted.get(s.thread)?.epoch === s.epoch) {
        this.violations.push(
          `request ${e.request} reached at ${e.tick} while thread ${s.thread}, counted at the request, is still counted`,
        );
      }
    }
    this.snapshots.delete(e.request!);
  }
}
