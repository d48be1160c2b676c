/**
 * Kernel: the simulated preemptive SMP machine (docs/ARCHITECTURE.md, "The machine").
 *
 * Interface: `spawn(name, body, options)` (a ready thread), wake-ups and the
 * hand-over to the policy come from KernelThreads (kernel-threads.ts); the
 * run loop, `at`, `holdRun`/`releaseRun`, `halt` and `run(ticksMax)` from
 * KernelCore (kernel-core.ts). This class adds the dispatcher:
 * a CPU's turn, effects, leaving the CPU, exit. `now` is the
 * current tick; `current` the thread whose step is running (null in kernel
 * context); `currentCpu` the CPU of that step (kernel-context actions run as
 * CPU 0). Ports: `policy` (who runs next) and `lifecycle` (thread
 * activation, for quiescence).
 *
 * Time model: the step of a thread body that ends in a yield takes one tick
 * on its CPU; a compute(n) step takes n ticks, cut into quantum-sized pieces.
 * An effect takes hold when its step is taken (a block is atomic with the
 * check before it), but a thread is never ready again before its step ends,
 * so no thread runs on two CPUs at once. When no CPU has work, time jumps to
 * the next queued tick: idle time costs nothing.
 *
 * Invariants (panic if broken): ticks never go backwards; a thread picked by
 * the policy is alive and ready; a thread is on at most one CPU.
 */
import type { Cpu } from './cpu.ts';
import type { Thread } from './thread.ts';
import type { Effect } from './effect.ts';
import type { WaitQueue } from './wait-queue.ts';
import { isKernelPanic, panic } from './panic.ts';
import { describeError } from './describe-error.ts';
import { KernelThreads } from './kernel-threads.ts';
import type { Schedule } from './schedule.ts';

import {
  activateAtStart,
  activateForCall,
  deactivateAfterCall,
  deactivateAtExit,
  deactivateSelf,
  quiescentPoint,
} from './activation.ts';

export {
  KernelCore,
  type KernelOptions,
  type KernelSpawnOptions,
  type KernelOutcome,
  type KernelRunResult,
} from './kernel-core.ts';

export class Kernel extends KernelThreads {
  // ---- the dispatcher -------------------------------------------------------

  protected onCpu(cpu: Cpu): void {
    this.currentCpu = cpu.index;
    let t = cpu.thread;
    if (t !== null && this.now >= cpu.quantumEnd) {
      this.leave(cpu, t);
      if (this.bus.on) this.onCpuEvent('thread.preempted', t, cpu);
      this.enqueue(t, 'preempted');
      t = null;
    }
    if (t === null) {
      t = this.dispatch(cpu);
      if (t === null) {
        cpu.idle = true;
        this.idleCount++;
        return;
      }
    }
    if (t.computeLeft > 0) this.burn(cpu, t);
    else this.step(cpu, t);
  }

  private dispatch(cpu: Cpu): Thread | null {
    this.currentCpu = cpu.index;
    let id = this.policy.pickNext(cpu.index);
    if (this.schedule !== null) id = this.deferPicked(cpu, id, this.schedule);
    if (id === undefined) return null;
    const t = this.threads.get(id);
    if (t === undefined || t.state !== 'ready') {
      panic('Kernel.dispatch', `policy picked thread ${id}, which is ${t ? t.state : 'not alive'}`);
    }
    t.state = 'running';
    t.cpu = cpu.index;
    cpu.thread = t;
    cpu.quantumEnd =
      this.now + (this.schedule ? this.schedule.quantum(this.quantumTicks) : this.quantumTicks);
    cpu.dispatches++;
    if (this.bus.on) this.onCpuEvent('thread.dispatched', t, cpu);
    if (!t.started) activateAtStart(t, this.lifecycle, cpu.index);
    return t;
  }

  /** A schedule may hand picked threads back as if they yielded (bounded by the ready set). */
  private deferPicked(cpu: Cpu, first: number | undefined, s: Schedule): number | undefined {
    let id = first;
    for (let n = 0; id !== undefined; n++) {
      s.picked(id);
      if (!s.defer(id, n)) break;
      const t = this.threads.get(id);
      if (t === undefined || t.state !== 'ready')
        panic(
          'Kernel.dispatch',
          `policy picked thread ${id}, which is ${t ? t.state : 'not alive'}`,
        );
      this.enqueue(t, 'yielded');
      id = this.policy.pickNext(cpu.index);
    }
    return id;
  }

  private burn(cpu: Cpu, t: Thread): void {
    const n = Math.min(t.computeLeft, cpu.quantumEnd - this.now);
    t.computeLeft -= n;
    this.advance(cpu, t, n);
  }

  private advance(cpu: Cpu, t: Thread, ticks: number): void {
    t.busyUntil = this.now + ticks;
    cpu.busyTicks += ticks;
    this.queue.push(this.now + ticks, cpu, this.tieKey());
  }

  private step(cpu: Cpu, t: Thread): void {
    this.current = t;
    this.currentCpu = cpu.index;
    let r: IteratorResult<Effect, unknown>;
    try {
      const error = t.resumeError;
      if (error !== undefined) {
        t.resumeError = undefined;
        r = t.gen.throw(error);
      } else {
        const value = t.resumeValue;
        t.resumeValue = undefined;
        r = t.gen.next(value);
      }
    } catch (e) {
      this.current = null;
      if (isKernelPanic(e)) throw e;
      if (this.opsUnrun !== 0) this.stepEnded?.(t); // the thread's own error wins over a mistake found at the step's end
      this.finish(cpu, t, undefined, true, e);
      return;
    }
    this.current = null;
    const mistake = this.opsUnrun === 0 || this.stepEnded === null ? null : this.stepEnded(t);
    if (this.schedule?.stepped(t.id)) cpu.quantumEnd = this.now;
    if (mistake !== null) this.refuseStep(cpu, t, r.done === true, mistake);
    else if (r.done === true) this.finish(cpu, t, r.value, false, undefined);
    else this.apply(cpu, t, r.value);
  }

  /** A step that ended in a user mistake: the error is thrown into the thread (or fails it, if it returned). */
  private refuseStep(cpu: Cpu, t: Thread, returned: boolean, mistake: Error): void {
    if (returned) return this.finish(cpu, t, undefined, true, mistake);
    t.resumeError = mistake;
    this.advance(cpu, t, 1);
  }

  private apply(cpu: Cpu, t: Thread, e: Effect): void {
    switch (e.kind) {
      case 'boundary':
        return this.advance(cpu, t, 1);
      case 'compute':
        t.computeLeft = e.ticks;
        return this.burn(cpu, t);
      case 'yield':
        this.leaveAfterStep(cpu, t);
        if (this.bus.on) this.onCpuEvent('thread.yielded', t, cpu);
        return this.makeReady(t, 'yielded');
      case 'sleep':
        return this.sleepThread(cpu, t, e.ticks);
      case 'block':
        return this.blockThread(cpu, t, e.queue);
      case 'wake':
        t.resumeValue = e.queue.wake(e.count);
        return this.advance(cpu, t, 1);
      case 'spawn':
        try {
          t.resumeValue = this.spawn(e.name, e.body, e.options, t).id;
        } catch (err) {
          if (isKernelPanic(err)) throw err;
          t.resumeError = err;
        }
        return this.advance(cpu, t, 1);
      case 'deactivate':
        deactivateSelf(t, this.lifecycle);
        if (this.bus.on)
          this.bus.emit({ type: 'thread.deactivated', thread: t.id, cpu: cpu.index });
        return this.advance(cpu, t, 1);
      case 'quiescent':
        this.quiescentPoint(cpu, t);
        return this.advance(cpu, t, 1);
      case 'update-point':
        this.advance(cpu, t, 1);
        return this.updatePoints.reached(t, cpu.index, 'point');
      default:
        t.resumeError = new TypeError(
          `thread '${t.name}' yielded ${JSON.stringify(e)}, which is not an effect; use yield* with the effect helpers`,
        );
        return this.advance(cpu, t, 1);
    }
  }

  // ---- leaving the CPU -------------------------------------------------------

  /** The thread stops running on `cpu` now; the CPU dispatches again at now + 1. */
  private leaveAfterStep(cpu: Cpu, t: Thread): void {
    this.advance(cpu, t, 1);
    this.leave(cpu, t);
  }

  private leave(cpu: Cpu, t: Thread): void {
    cpu.thread = null;
    t.state = 'ready';
  }

  private sleepThread(cpu: Cpu, t: Thread, ticks: number): void {
    this.leaveAfterStep(cpu, t);
    t.state = 'sleeping';
    const until = this.now + 1 + ticks + (this.schedule ? this.schedule.jitter() : 0);
    if (this.bus.on)
      this.bus.emit({ type: 'thread.slept', thread: t.id, cpu: cpu.index, untilTick: until });
    t.readyReason = 'woken';
    this.queue.push(until, t, this.tieKey());
  }

  private blockThread(cpu: Cpu, t: Thread, queue: WaitQueue): void {
    this.leaveAfterStep(cpu, t);
    t.state = 'blocked';
    queue.waker = this;
    queue.add(t.id);
    if (this.bus.on)
      this.bus.emit({ type: 'thread.blocked', thread: t.id, cpu: cpu.index, queue: queue.name });
  }

  /** The thread ends: returned (`failed` false) or threw `error` (any value, undefined too). */
  private finish(cpu: Cpu, t: Thread, result: unknown, failed: boolean, error: unknown): void {
    this.leaveAfterStep(cpu, t);
    t.state = 'exited'; // t.tickExited is now busyUntil - 1: leaveAfterStep made the exit step one tick
    t.resumeValue = result; // read as t.result
    t.resumeError = error; // read as t.error
    t.failed = failed;
    this.threads.delete(t.id);
    this.threadsExited++;
    if (this.daemons.delete(t.id) === false) this.liveNonDaemon--;
    if (failed) {
      this.threadsFailed++;
      if (this.bus.on) {
        this.bus.emit({
          type: 'thread.failed',
          thread: t.id,
          cpu: cpu.index,
          error: describeError(error),
        });
      }
    }
    // Report the exit before quiescence hears of it, so an observer sees the
    // thread leave before any request it held back is reached.
    if (this.bus.on) this.onCpuEvent('thread.exited', t, cpu);
    deactivateAtExit(t, this.lifecycle);
    this.schedule?.exited(t.id);
    this.policy.forget(t.id);
    this.updatePoints.reached(t, cpu.index, 'exit');
  }

  private quiescentPoint(cpu: Cpu, t: Thread): void {
    const refused = quiescentPoint(t, this.lifecycle, cpu.index);
    if (refused !== null) t.resumeError = refused;
    else if (this.bus.on) this.bus.emit({ type: 'thread.quiesced', thread: t.id, cpu: cpu.index });
  }

  // ---- activation (quiescence): the rules are in activation.ts -------------

  /** A self-deactivated thread entering its outermost call is counted again (K42: activate on system entry). */
  activateForCall(t: Thread): void {
    activateForCall(t, this.lifecycle, this.currentCpu);
  }

  /** ...and uncounted once it leaves its outermost call. */
  deactivateAfterCall(t: Thread): void {
    deactivateAfterCall(t, this.lifecycle);
  }
}
