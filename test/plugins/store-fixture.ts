/**
 * Store: a small key-value object with plain and generator methods, the
 * object the plugin tests put mediators in front of.
 */
import { compute, type Op } from 'kernel-sim';

export class Store {
  readonly m = new Map<string, number>();
  /** Calls that reached this implementation (any method). */
  reached = 0;

  get(k: string): number | undefined {
    this.reached++;
    return this.m.get(k);
  }

  put(k: string, v: number): void {
    this.reached++;
    this.m.set(k, v);
  }

  *slowGet(k: string, ticks: number): Op<number | undefined> {
    this.reached++;
    yield* compute(ticks);
    return this.m.get(k);
  }

  fail(why: string): never {
    this.reached++;
    throw new Error(why);
  }
}
