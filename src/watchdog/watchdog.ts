/**
 * Watchdog: stops user code that never returns (a thread body, a method or a
 * `sim.at` action in `while (true) {}`, a setup or expect that spins), so a
 * run always ends: as a liveness failure that names the culprit.
 *
 * How: the code runs under V8's own execution timeout (node:vm
 * `runInThisContext({ timeout })`, a watchdog thread outside the run's
 * thread that terminates the stuck JavaScript, whatever it is doing, try and
 * finally included). A run is executed in slices of kernel queue items
 * (Simulation.run's slicer); the slice size adapts so a slice takes about a
 * tenth of the limit, so the limit bounds one step that makes no progress,
 * not the length of the run. Slicing never changes what runs: the same seed
 * gives the same events with or without the watchdog.
 *
 * The limit is meant as CPU time: a step stuck in a loop spins a CPU, while a
 * healthy step on a loaded machine (nice 19 under load 15, a long GC on a
 * starved core) gets little CPU and much wall time. V8's timeout counts wall
 * time and its termination cannot be undone, so the watchdog stretches the
 * wall timeout by the load it has measured: `stretch` is the ratio of wall
 * to CPU time over the slices run so far (process.cpuUsage), between 1 and
 * STRETCH_MAX. On an idle machine a spin is stopped after limitMs; on a
 * machine that gives the run a fifth of a CPU, after about 5 x limitMs.
 *
 * Memory: between slices it also reads the heap. A run whose heap passes
 * HEAP_SHARE_MAX of what this process may use ends as liveness, naming the
 * tick and the size, instead of dying in V8's out-of-memory abort with no
 * verdict (a body that keeps what it allocates, yielding each step, is
 * otherwise bounded only by ticksMax). Above half the heap, slices are cut
 * small so a fast allocator cannot jump past the check.
 *
 * Interface: `new Watchdog(limitMs)`; `guard(what, fn)` runs fn or throws
 * WatchdogTimeout; `slicer(sim)` for `sim.run({ slicer })`, which ends the
 * run with RunInterrupted naming the thread, the object and method it was in
 * (its innermost call through the table), the CPU and the tick.
 */
import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { Script } from 'node:vm';
import { RunInterrupted, type RunSlicer, type Simulation } from '../simulation/index.ts';

/** Default limit: no step may run longer than this without yielding. */
export const DEFAULT_WATCHDOG_MS = 5_000;
/** The share of the heap limit past which a run ends as liveness (a memory bomb). */
export const HEAP_SHARE_MAX = 0.9;
/** The most the wall timeout is stretched for load: a spin always ends within this x limitMs. */
export const STRETCH_MAX = 20;

const GUARDED = '__kernelSimGuarded';
const SCRIPT = new Script(`globalThis.${GUARDED}()`, { filename: 'kernel-sim-watchdog' });
const TIMED_OUT: unique symbol = Symbol('timed out');

/**
 * Whether a run's reason says the watchdog stopped it (a spin or a memory
 * bomb): such a run ends at a wall-clock moment, so its tick and hash are not
 * the seed's, and a rerun is not expected to agree.
 */
export function stoppedByWatchdog(reason: string | null | undefined): boolean {
  return reason != null && (reason.startsWith('watchdog:') || reason.startsWith('memory:'));
}

/** User code outside a run (setup, expect, summary) that did not return in time. */
export class WatchdogTimeout extends Error {
  override readonly name = 'WatchdogTimeout';
}

/** Run fn under a timeout; TIMED_OUT if V8 had to terminate it. */
function runWithin<T>(limitMs: number, fn: () => T): T | typeof TIMED_OUT {
  const g = globalThis as Record<string, unknown>;
  const outer = g[GUARDED];
  let value: T | undefined;
  g[GUARDED] = () => {
    value = fn();
  };
  try {
    SCRIPT.runInThisContext({ timeout: limitMs, displayErrors: false });
  } catch (e) {
    if ((e as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return TIMED_OUT;
    throw e;
  } finally {
    g[GUARDED] = outer;
  }
  return value as T;
}

/**
 * V8's old-space limit (--max-old-space-size): heap_size_limit less the young
 * generation, 3 semi-spaces of 16 MB on 64-bit Node 20. A run dies when its
 * old space is full, so that is the size to compare with.
 */
function oldSpaceLimitBytes(): number {
  return Math.max(getHeapStatistics().heap_size_limit - 48 * 2 ** 20, 16 * 2 ** 20);
}

export class Watchdog {
  private wallMs = 0;
  private cpuMs = 0;

  /** Bytes of heap past which a run ends (HEAP_SHARE_MAX of V8's limit for this process). */
  readonly heapMaxBytes = Math.floor(oldSpaceLimitBytes() * HEAP_SHARE_MAX);

  constructor(readonly limitMs: number = DEFAULT_WATCHDOG_MS) {
    if (!Number.isInteger(limitMs) || limitMs < 1)
      throw new RangeError(`watchdog: the limit must be a whole number of ms >= 1, got ${limitMs}`);
  }

  /** Run `fn` (named `what` in the error), or throw WatchdogTimeout after limitMs. */
  guard<T>(what: string, fn: () => T): T {
    const r = this.timed(fn);
    if (r === TIMED_OUT)
      throw new WatchdogTimeout(
        `watchdog: ${what} did not return within ${this.limitMs} ms${this.loadNote()} (a loop that never ends?)`,
      );
    return r;
  }

  /**
   * Wall over CPU time of what ran under the watchdog so far, in [1,
   * STRETCH_MAX] (1 until 100 ms of wall time give a stable measure).
   */
  get stretch(): number {
    if (this.wallMs < 100) return 1;
    const ratio = this.wallMs / Math.max(this.cpuMs, 1e-3);
    return Math.min(STRETCH_MAX, Math.max(1, ratio));
  }

  /** Record a measured stretch of work (exposed for tests of the load rule). */
  account(wallMs: number, cpuMs: number): void {
    this.wallMs += wallMs;
    this.cpuMs += cpuMs;
  }

  /** fn under V8's timeout, stretched for load; its wall and CPU time are accounted. */
  private timed<T>(fn: () => T): T | typeof TIMED_OUT {
    const wall0 = performance.now();
    const cpu0 = process.cpuUsage();
    const r = runWithin(Math.ceil(this.limitMs * this.stretch), fn);
    const cpu = process.cpuUsage(cpu0);
    this.account(performance.now() - wall0, (cpu.user + cpu.system) / 1000);
    return r;
  }

  private loadNote(): string {
    const k = this.stretch;
    return k > 1.05
      ? ` of CPU time (${Math.round(this.limitMs * k)} ms of wall time: the machine gave this run about 1/${k.toFixed(1)} of a CPU)`
      : '';
  }

  /** A slicer for `sim.run({ slicer })` that ends a stuck run as liveness, naming the culprit. */
  slicer(sim: Simulation): RunSlicer {
    return (runSlice) => {
      const targetMs = this.limitMs / 10;
      let items = 1;
      for (;;) {
        const started = performance.now();
        const ended = this.timed(() => runSlice(items));
        if (ended === TIMED_OUT) throw new RunInterrupted(this.describeStuck(sim));
        if (ended) return;
        const heapBytes = process.memoryUsage().heapUsed;
        if (heapBytes > this.heapMaxBytes)
          throw new RunInterrupted(this.describeHeap(sim, heapBytes));
        const tookMs = performance.now() - started;
        if (heapBytes > this.heapMaxBytes / 2) items = Math.max(1, items >> 2);
        else if (tookMs < targetMs / 2 && items < 1 << 24) items *= 2;
        else if (tookMs > targetMs && items > 1) items >>= 1;
      }
    };
  }

  private describeHeap(sim: Simulation, heapBytes: number): string {
    const mb = (b: number) => Math.round(b / 2 ** 20);
    return (
      `memory: the run's heap reached ${mb(heapBytes)} MB, past ` +
      `${Math.round(HEAP_SHARE_MAX * 100)}% of the ${mb(oldSpaceLimitBytes())} MB of heap this process may use ` +
      `(a thread body or object that keeps everything it allocates? a bigger run may raise node's --max-old-space-size)`
    );
  }

  private describeStuck(sim: Simulation): string {
    const k = sim.kernel;
    const head = `watchdog: no progress for ${this.limitMs} ms${this.loadNote()} at tick ${k.now}`;
    const t = k.current;
    if (t !== null) {
      const call = t.calls[t.calls.length - 1];
      const inside = call === undefined ? '' : ` inside ${call.objectName}.${call.method}`;
      return `${head}: thread '${t.name}' (#${t.id}) on cpu ${k.currentCpu}${inside} never yielded (every loop in a thread body or method must yield or end)`;
    }
    if (k.currentAction !== null)
      return `${head}: kernel action '${k.currentAction}' never returned (a sim.at action, or a swap callback)`;
    return `${head}: the kernel's own step never ended`;
  }
}
