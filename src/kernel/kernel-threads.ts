/**
 * KernelThreads: how a thread comes to be and becomes ready, the half of the
 * kernel below the dispatcher (kernel.ts extends it with a CPU's turn, the
 * effects, leaving the CPU and exit).
 *
 * Interface: `spawn(name, body, options, parent)` makes a ready thread (the
 * threadsMax limit ends the run with LiveLimitError); `wakeThread` is the
 * Waker port of wait queues; `makeReady` hands a thread to the policy, never
 * before its last step has ended (the thread itself is queued for later);
 * `enqueue` gives it to the policy now and kicks an idle CPU.
 *
 * Invariants (panic if broken): a woken thread was blocked; a thread is
 * handed to the policy only in state ready.
 */
import type { Cpu } from './cpu.ts';
import { Thread, type ThreadBody } from './thread.ts';
import type { EnqueueReason } from './scheduling-policy.ts';
import type { WaitQueue, Waker } from './wait-queue.ts';
import { panic } from './panic.ts';
import { checkSpawn } from './check-spawn.ts';
import { LiveLimitError, liveLimitMessage, tallyTop } from './live-limit-error.ts';
import { KernelCore, type KernelSpawnOptions } from './kernel-core.ts';
import type { Schedule } from './schedule.ts';
import { directOnCpu, directSpawned } from './kernel-events-direct.ts';

export type OnCpuEventType =
  'thread.preempted' | 'thread.dispatched' | 'thread.yielded' | 'thread.exited';

export abstract class KernelThreads extends KernelCore implements Waker {
  /** Create a ready thread. From a thread step, its parent is the running thread. */
  spawn(
    name: string,
    body: ThreadBody,
    options: KernelSpawnOptions = {},
    parent: Thread | null = this.current,
  ): Thread {
    checkSpawn(name, body, options, this.cpus.length);
    if (this.threads.size >= this.threadsMax) this.threadLimit(name, parent);
    const hint = options.cpu ?? (parent ? parent.cpu : -1);
    const id = this.nextThreadId++;
    const t = new Thread(
      id,
      name,
      parent ? parent.id : null,
      body,
      options.weight ?? 1,
      this.now,
      hint,
    );
    this.threads.add(t);
    this.threadsSpawned++;
    this.schedule?.spawned(id);
    if (options.daemon) this.daemons.add(id);
    else this.liveNonDaemon++;
    if (this.bus.on) {
      const d = this.bus.direct;
      if (d !== null) directSpawned(d, id, name, t.parentId, !!options.daemon);
      else
        this.bus.emit({
          type: 'thread.spawned',
          thread: id,
          name,
          parent: t.parentId,
          daemon: !!options.daemon,
        });
    }
    this.makeReady(t, 'spawned');
    return t;
  }
  private threadLimit(name: string, parent: Thread | null): never {
    const reason = liveLimitMessage({
      option: 'threadsMax',
      limit: this.threadsMax,
      what: `spawned '${name}'`,
      who: this.describeContext(parent),
      tick: this.now,
      tally: tallyTop(Array.from(this.threads.values(), (t) => t.name)),
    });
    this.onLimit(reason);
    throw new LiveLimitError('threadsMax', reason);
  }

  /** An event shaped { type, thread, cpu }: hashed directly when nobody subscribes. */
  protected onCpuEvent(type: OnCpuEventType, t: Thread, cpu: Cpu): void {
    const d = this.bus.direct;
    if (d !== null) directOnCpu(d, type, t.id, cpu.index);
    else this.bus.emit({ type, thread: t.id, cpu: cpu.index });
  }

  /** Waker port: a wait queue hands back one of its threads. */
  wakeThread(threadId: number, queue: WaitQueue): void {
    const t = this.threads.get(threadId);
    if (t === undefined || t.state !== 'blocked') {
      panic(
        'Kernel.wakeThread',
        `thread ${threadId} on '${queue.name}' is ${t ? t.state : 'not alive'}`,
      );
    }
    t.state = 'ready';
    if (this.bus.on) this.bus.emit({ type: 'thread.woken', thread: threadId, queue: queue.name });
    this.makeReady(t, 'woken');
  }

  /** Hand a thread to the policy, but never before its last step has ended. */
  protected makeReady(t: Thread, reason: EnqueueReason): void {
    t.state = 'ready';
    const s = this.schedule;
    const arrival = s !== null && reason === 'spawned' ? this.now + s.jitter() : this.now;
    const at = Math.max(t.busyUntil, arrival);
    if (at > this.now) {
      t.readyReason = reason;
      this.queue.push(at, t, this.tieKey());
    } else this.enqueue(t, reason);
  }

  protected enqueue(t: Thread, reason: EnqueueReason): void {
    t.state = 'ready';
    let hint = t.cpu >= 0 ? t.cpu : t.cpuHint;
    if (this.schedule !== null) {
      hint = this.schedule.cpuHint(hint, this.cpus.length);
      this.schedule.readied(t.id);
    }
    this.policy.enqueue(t, hint, reason);
    if (this.idleCount > 0) this.kick(hint);
  }

  /** Wake one idle CPU (the preferred one if idle) to look for work now. */
  private kick(preferred: number): void {
    let cpu = preferred >= 0 ? this.cpus[preferred] : undefined;
    if (this.schedule !== null) cpu = this.pickIdle(cpu, this.schedule);
    else if (cpu === undefined || !cpu.idle) cpu = this.cpus.find((c) => c.idle);
    if (cpu === undefined) return;
    cpu.idle = false;
    this.idleCount--;
    this.queue.push(this.now, cpu, this.tieKey());
  }

  private pickIdle(preferred: Cpu | undefined, s: Schedule): Cpu | undefined {
    const idle = this.cpus.filter((c) => c.idle && c !== preferred).map((c) => c.index);
    if (preferred !== undefined && preferred.idle) idle.unshift(preferred.index);
    return idle.length === 0 ? undefined : this.cpus[s.kickCpu(idle)];
  }

  protected tieKey(): number {
    return this.schedule === null ? 0 : this.schedule.tieKey();
  }
}
