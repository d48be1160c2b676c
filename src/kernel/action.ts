/**
 * Action: a kernel-context function scheduled with `kernel.at(tick, fn)`,
 * as it sits in the event queue. `cancel()` unschedules it. A background
 * action (a detector's poll, a swap's stall check) does not keep a run
 * alive; any other counts as pending work until it runs or is cancelled.
 */
export interface PendingCount {
  actionsPending: number;
}

export class Action {
  readonly kind = 'action';
  cancelled = false;

  constructor(
    readonly label: string,
    readonly fn: () => void,
    private readonly pending: PendingCount,
    readonly background: boolean,
  ) {
    if (!background) pending.actionsPending++;
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    if (!this.background) this.pending.actionsPending--;
  }

  /** The kernel takes it off the queue to run it: it is no longer pending. */
  take(): boolean {
    if (this.cancelled) return false;
    this.cancel();
    return true;
  }
}
