/**
 * QuiescenceChecker ('quiescence'): quiescence soundness. A request is never
 * reached while a thread that was counted at the request, on one of the
 * CPUs it covers, is still counted in that same activation.
 *
 * The checker keeps its own model of activation from kernel and call events
 * (the rules of kernel/thread-lifecycle.ts), independent of the detector:
 *   - a thread is counted from its first thread.dispatched, on that CPU;
 *   - thread.exited uncounts it;
 *   - thread.deactivated uncounts it when it is outside every call (inside
 *     one, it stays counted until its outermost call exits);
 *   - a self-deactivated thread entering its outermost call is counted again,
 *     on the CPU of that call.entered (a new activation);
 *   - thread.quiesced (a quiescent point) ends one activation and starts a
 *     new one on that CPU.
 * At quiescence.requested it records the threads counted on the request's
 * CPUs (and reports a disagreement with the event's `alive` count); at
 * quiescence.reached any of them still in the same activation is a
 * violation. A request reached twice, or reached after being cancelled, is
 * one too.
 *
 * Event order: the kernel tells the detector a thread left (exit, self-
 * deactivation, leaving its outermost call, a quiescent point) before it
 * emits the event saying so, and the detector may emit quiescence.reached in
 * between. So the verdict on a reached request waits for the rest of that
 * kernel operation: it is given at the next event of a later tick, the next
 * thread.dispatched or kernel.action (a new operation), or the end of the run.
 */
import type { Checker, EventOf, ReportViolation } from './checker.ts';
import type { CheckedEvent } from './violation.ts';

interface ThreadModel {
  counted: boolean;
  cpu: number;
  /** Activation number: grows each time the thread is counted afresh. */
  activation: number;
  activeSinceTick: number;
  selfDeactivated: boolean;
  depth: number;
}

interface OpenRequest {
  readonly tick: number;
  readonly label: string;
  /** Thread id -> the activation it was counted in at the request. */
  readonly waiting: Map<number, number>;
}

export interface QuiescenceCheckerOptions {
  /** Report a request whose `alive` count differs from the model's. Default true. */
  readonly checkAliveCount?: boolean;
}

export class QuiescenceChecker implements Checker {
  readonly name = 'quiescence';
  readonly types = [
    'thread.dispatched',
    'thread.exited',
    'thread.deactivated',
    'thread.quiesced',
    'call.entered',
    'call.exited',
    'quiescence.requested',
    'quiescence.reached',
    'quiescence.cancelled',
    'kernel.action',
  ] as const;
  private readonly threads = new Map<number, ThreadModel>();
  private readonly requests = new Map<number, OpenRequest>();
  private readonly finished = new Map<number, string>();
  private readonly checkAlive: boolean;
  /** Reached requests awaiting their verdict (see Event order above). */
  private readonly verdicts: {
    readonly event: EventOf<'quiescence.reached'>;
    readonly request: OpenRequest;
  }[] = [];

  constructor(options: QuiescenceCheckerOptions = {}) {
    this.checkAlive = options.checkAliveCount ?? true;
  }

  observe(e: CheckedEvent, report: ReportViolation): void {
    if (
      this.verdicts.length > 0 &&
      (e.tick > this.verdicts[0].event.tick ||
        e.type === 'thread.dispatched' ||
        e.type === 'kernel.action')
    ) {
      this.judge(report);
    }
    switch (e.type) {
      case 'thread.dispatched':
        if (!this.threads.has(e.thread))
          this.threads.set(e.thread, {
            counted: false,
            cpu: -1,
            activation: 0,
            activeSinceTick: -1,
            selfDeactivated: false,
            depth: 0,
          });
        return this.activateIfFirst(this.threads.get(e.thread)!, e.cpu, e.tick);
      case 'thread.exited':
        this.threads.delete(e.thread);
        return;
      case 'thread.deactivated':
        return this.deactivated(e.thread);
      case 'thread.quiesced':
        return this.quiesced(e);
      case 'call.entered':
        return this.callEntered(e);
      case 'call.exited':
        return this.callExited(e.thread);
      case 'quiescence.requested':
        return this.requested(e, report);
      case 'quiescence.reached':
        return this.reached(e, report);
      case 'quiescence.cancelled':
        this.requests.delete(e.request);
        this.finished.set(e.request, `cancelled at tick ${e.tick}`);
        return;
    }
  }

  private activateIfFirst(t: ThreadModel, cpu: number, tick: number): void {
    if (t.activation === 0) this.activate(t, cpu, tick);
  }

  private activate(t: ThreadModel, cpu: number, tick: number): void {
    t.counted = true;
    t.cpu = cpu;
    t.activation++;
    t.activeSinceTick = tick;
  }

  private deactivated(id: number): void {
    const t = this.threads.get(id);
    if (t === undefined) return;
    t.selfDeactivated = true;
    if (t.depth === 0) t.counted = false;
  }

  private quiesced(e: EventOf<'thread.quiesced'>): void {
    const t = this.threads.get(e.thread);
    if (t !== undefined && t.counted) this.activate(t, e.cpu, e.tick);
  }

  private callEntered(e: EventOf<'call.entered'>): void {
    const t = this.threads.get(e.thread);
    if (t === undefined) return;
    t.depth++;
    if (t.depth === 1 && !t.counted && t.selfDeactivated) this.activate(t, e.cpu, e.tick);
  }

  private callExited(id: number): void {
    const t = this.threads.get(id);
    if (t === undefined || t.depth === 0) return;
    t.depth--;
    if (t.depth === 0 && t.selfDeactivated) t.counted = false;
  }

  private requested(e: EventOf<'quiescence.requested'>, report: ReportViolation): void {
    const cpus = new Set(e.cpus);
    const waiting = new Map<number, number>();
    for (const [id, t] of this.threads)
      if (t.counted && cpus.has(t.cpu)) waiting.set(id, t.activation);
    this.requests.set(e.request, { tick: e.tick, label: e.label, waiting });
    if (this.checkAlive && waiting.size !== e.alive) {
      report(
        `quiescence request ${e.request} ('${e.label}') says ${e.alive} thread(s) alive on cpus [${e.cpus.join(',')}], the event stream shows ${waiting.size} (${[...waiting.keys()].map((id) => `thread ${id}`).join(', ') || 'none'})`,
      );
    }
  }

  private reached(e: EventOf<'quiescence.reached'>, report: ReportViolation): void {
    const r = this.requests.get(e.request);
    if (r === undefined) {
      const why = this.finished.get(e.request) ?? 'never requested';
      report(`quiescence request ${e.request} reached, but it was ${why}`);
      return;
    }
    this.requests.delete(e.request);
    this.finished.set(e.request, `reached at tick ${e.tick}`);
    this.verdicts.push({ event: e, request: r });
  }

  private judge(report: ReportViolation): void {
    for (const { event, request: r } of this.verdicts.splice(0)) {
      const still = [...r.waiting].filter(([id, activation]) => {
        const t = this.threads.get(id);
        return t !== undefined && t.counted && t.activation === activation;
      });
      if (still.length === 0) continue;
      const who = still.map(
        ([id]) =>
          `thread ${id} (cpu ${this.threads.get(id)!.cpu}, active since tick ${this.threads.get(id)!.activeSinceTick})`,
      );
      report(
        `quiescence request ${event.request} ('${r.label}', requested at tick ${r.tick}) reached while ${who.join(', ')}, alive at the request, still run${still.length === 1 ? 's' : ''}`,
        event,
      );
    }
  }

  end(report: ReportViolation): void {
    this.judge(report);
  }

  notes(): string[] {
    return [...this.requests].map(
      ([id, r]) =>
        `quiescence request ${id} ('${r.label}', tick ${r.tick}) still pending at the end`,
    );
  }
}
