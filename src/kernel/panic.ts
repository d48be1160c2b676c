/**
 * KernelPanic: a broken invariant, which is a bug in kernel-sim or in a
 * kernel object, never an expected outcome.
 *
 * Interface: `panic(where, what)` throws; `assert(cond, where, what)` throws
 * when `cond` is false. The message is always `where: what` (xv6 style), so a
 * failure names the function that noticed it.
 *
 * Expected outcomes (a refused swap, a timeout, a thread that throws) are
 * values and events, never panics.
 */
export class KernelPanic extends Error {
  override readonly name = 'KernelPanic';
  constructor(
    readonly where: string,
    readonly what: string,
  ) {
    super(`${where}: ${what}`);
  }
}

/** Is `e` a KernelPanic? Safe for any thrown value (a Proxy whose traps throw is not). */
export function isKernelPanic(e: unknown): e is KernelPanic {
  try {
    return e instanceof KernelPanic;
  } catch {
    return false;
  }
}

export function panic(where: string, what: string): never {
  throw new KernelPanic(where, what);
}

export function assert(cond: unknown, where: string, what: string): asserts cond {
  if (!cond) throw new KernelPanic(where, what);
}
