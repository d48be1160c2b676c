/**
 * wallClock: the bench's readings of real time (performance.now, allowed in
 * src/bench only) and of this process's CPU time (process.cpuUsage: user +
 * system, all threads, so GC helper threads count too). On a shared machine
 * the CPU time is the cross-check of a wall-time figure: other processes
 * stretch wall time but not this process's CPU time.
 *
 * Interface: `nowMs()`, `elapsedMs(fn)` (wall ms of one call of fn),
 * `cpuClockMs()` (this process's CPU time so far, ms: a clock for tinybench),
 * `timed(fn)` -> { wallMs, cpuMs }.
 */
import { performance } from 'node:perf_hooks';

export function nowMs(): number {
  return performance.now();
}

export function elapsedMs(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export function cpuClockMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

export function timed(fn: () => void): { wallMs: number; cpuMs: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wallMs, cpuMs: (c.user + c.system) / 1000 };
}
