/**
 * Network: the seeded wire between cluster nodes (docs/UPSTART.md, "Network").
 *
 * Interface: `route(from, to, sentTick)` returns the tick a message sent now
 * arrives, or null when it is lost (random loss or a partition). Latency is
 * drawn uniformly in [latencyMinTicks, latencyMaxTicks]; two messages on the
 * same link can overtake each other (reordering). `partition(groups)` cuts
 * every link between different groups; `heal()` joins them again.
 * `sent`, `lost`, `cut` count what happened.
 *
 * Invariant: latencyMinTicks >= 1, so a message sent in one step of the
 * cluster driver never arrives in the same window (the driver's lookahead).
 */
import type { Prng } from '../kernel/index.ts';

export interface NetworkOptions {
  readonly latencyMinTicks?: number;
  readonly latencyMaxTicks?: number;
  /** Probability that a message is dropped (0..1). */
  readonly loss?: number;
}

export class Network {
  readonly latencyMinTicks: number;
  readonly latencyMaxTicks: number;
  readonly loss: number;
  sent = 0;
  lost = 0;
  cut = 0;
  private groupOf: Map<number, number> | null = null;

  constructor(
    private readonly prng: Prng,
    options: NetworkOptions = {},
  ) {
    this.latencyMinTicks = options.latencyMinTicks ?? 5;
    this.latencyMaxTicks = options.latencyMaxTicks ?? this.latencyMinTicks * 4;
    this.loss = options.loss ?? 0;
    if (!Number.isInteger(this.latencyMinTicks) || this.latencyMinTicks < 1)
      throw new RangeError(
        `network: latencyMinTicks must be an integer >= 1, got ${this.latencyMinTicks}`,
      );
    if (!Number.isInteger(this.latencyMaxTicks) || this.latencyMaxTicks < this.latencyMinTicks)
      throw new RangeError(
        `network: latencyMaxTicks must be an integer >= latencyMinTicks, got ${this.latencyMaxTicks}`,
      );
    if (!(this.loss >= 0 && this.loss <= 1))
      throw new RangeError(`network: loss must be in [0, 1], got ${this.loss}`);
  }

  /** Cut the network into groups of node indexes; unlisted nodes form one more group. */
  partition(groups: readonly (readonly number[])[]): void {
    this.groupOf = new Map();
    groups.forEach((g, i) => g.forEach((n) => this.groupOf!.set(n, i)));
  }

  heal(): void {
    this.groupOf = null;
  }

  connected(from: number, to: number): boolean {
    if (this.groupOf === null || from === to) return true;
    return (this.groupOf.get(from) ?? -1) === (this.groupOf.get(to) ?? -1);
  }

  /** The arrival tick of a message sent at `sentTick`, or null if it is dropped. */
  route(from: number, to: number, sentTick: number): number | null {
    this.sent++;
    if (!this.connected(from, to)) {
      this.cut++;
      return null;
    }
    const latency = this.prng.int(this.latencyMinTicks, this.latencyMaxTicks);
    if (this.loss > 0 && this.prng.chance(this.loss)) {
      this.lost++;
      return null;
    }
    return sentTick + latency;
  }
}
