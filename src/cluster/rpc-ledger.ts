/**
 * RpcLedger: the cluster's record of every RPC, for the checkers
 * (docs/UPSTART.md, "Checkers").
 *
 * Interface: `issue()` -> id; `end(id, how)` when the caller resumes
 * ('replied' | 'timeout'); `late(id)` for a reply that came after its
 * timeout; `disallowed(id, error)` when a call was refused by an SO.
 * `violations` lists every broken rule: an RPC ended twice, or a reply for
 * an id never issued. `open` counts RPCs not ended yet.
 *
 * Invariant: at the end of a run every issued RPC has ended exactly once.
 */
export type RpcEnd = 'replied' | 'timeout';

export class RpcLedger {
  issued = 0;
  replied = 0;
  timedOut = 0;
  lateReplies = 0;
  disallowedCalls = 0;
  readonly disallowedByInvariant = new Map<string, number>();
  readonly violations: string[] = [];
  private readonly ended = new Map<number, RpcEnd>();

  issue(): number {
    return ++this.issued;
  }

  end(id: number, how: RpcEnd): void {
    if (id < 1 || id > this.issued) {
      this.violations.push(`rpc #${id}: ended (${how}) but never issued`);
      return;
    }
    const prior = this.ended.get(id);
    if (prior !== undefined) {
      this.violations.push(`rpc #${id}: ended twice (${prior}, then ${how})`);
      return;
    }
    this.ended.set(id, how);
    if (how === 'replied') this.replied++;
    else this.timedOut++;
  }

  late(_id: number): void {
    this.lateReplies++;
  }

  disallowed(invariant: string): void {
    this.disallowedCalls++;
    this.disallowedByInvariant.set(invariant, (this.disallowedByInvariant.get(invariant) ?? 0) + 1);
  }

  get open(): number {
    return this.issued - this.ended.size;
  }
}
