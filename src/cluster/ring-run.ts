/**
 * runRing: a DHT-like ring under load, optionally upgraded (the null upgrade)
 * while the load runs, with network faults and node failures
 * (docs/UPSTART.md, "The ring and its null upgrade"). Used by the tests, the
 * `kernel-sim cluster` command and the 64-node benchmark.
 *
 * Every node serves a RingStore named 'store' and runs one client (a
 * deactivated long-lived thread, cluster.spawnClient). Client i owns the
 * keys i*KEY_STRIDE + j (j < keys): it is their only writer. Each operation
 * puts a fresh value or gets a key, sent to the key's owner on the ring
 * (one-hop routing: every client knows the ring), at the client's version.
 *
 * Read check (a checker of the workload): a get must return the value of
 * the last acknowledged put or get of that key, or of a put that timed out
 * (it may have been applied); anything else is a stale read (a lost write).
 *
 * Interface: `runRing(options)` -> RingRun; `scheduleNamed(name, nodes)`;
 * `checkRingOptions(options)`; `createRingCluster(options)`, the cluster
 * such a run starts from.
 */
import { sleep } from '../kernel/index.ts';
import { createCluster, type Cluster, type ClusterResult } from './cluster.ts';
import { ringNullUpgrade, ringOwner, ringPositions, RingStore } from './ring-upgrade.ts';
import type { Upgrade } from './upgrade.ts';
import { atTime, byGroup, rolling, whenIdle, type UpgradeSchedule } from './upgrade-schedule.ts';

export const KEY_STRIDE = 1_000_000;
export const SCHEDULE_NAMES = ['rolling', 'by-group', 'at-time', 'when-idle'] as const;
export type ScheduleName = (typeof SCHEDULE_NAMES)[number];

export interface RingOptions {
  readonly nodes: number;
  readonly seed: number;
  /** Upgrade schedule, or 'none' for the same run without the upgrade. */
  readonly schedule?: ScheduleName | 'none';
  /** The upgrade to run (default ringNullUpgrade). */
  readonly upgrade?: Upgrade;
  /** Tick at which the upgrade starts (default 20). */
  readonly upgradeAtTick?: number;
  readonly opsPerClient?: number;
  readonly keysPerClient?: number;
  readonly loss?: number;
  readonly latencyMinTicks?: number;
  readonly latencyMaxTicks?: number;
  /** Fail this many nodes (one after another) and restart each 200 ticks later. */
  readonly failures?: number;
  /** Cut the ring in two halves from tick 60 to 160. */
  readonly partition?: boolean;
  readonly ticksMax?: number;
}

export interface RingRun {
  readonly cluster: Cluster;
  readonly result: ClusterResult;
  readonly puts: number;
  readonly gets: number;
  /** Gets checked against the client's own writes. */
  readonly readChecks: number;
  readonly staleReads: readonly string[];
  /** Calls that failed with something other than a timeout. */
  readonly errors: readonly string[];
  /** Every checker (cluster and read check) passed and every node is upgraded. */
  readonly ok: boolean;
}

/** The scheduling function called `name`; by-group uses racks of 4 consecutive nodes. */
export function scheduleNamed(name: string, nodes: number): UpgradeSchedule {
  switch (name) {
    case 'rolling':
      return rolling();
    case 'by-group': {
      const racks: number[][] = [];
      for (let i = 0; i < nodes; i += 4)
        racks.push(Array.from({ length: Math.min(4, nodes - i) }, (_, k) => i + k));
      return byGroup(racks);
    }
    case 'at-time':
      return atTime(0);
    case 'when-idle':
      return whenIdle(5);
    default:
      throw new RangeError(
        `unknown schedule '${name}': use one of ${SCHEDULE_NAMES.join(', ')} (or none)`,
      );
  }
}

/** Refuse bad options, naming the option (runRing and the set examples). */
export function checkRingOptions(o: RingOptions): void {
  for (const k of ['opsPerClient', 'keysPerClient', 'failures', 'upgradeAtTick'] as const) {
    const v = o[k];
    if (v !== undefined && (!Number.isInteger(v) || v < 0))
      throw new RangeError(`ring: ${k} must be an integer >= 0, got ${v}`);
  }
  if ((o.keysPerClient ?? 1) < 1) throw new RangeError('ring: keysPerClient must be >= 1');
  if ((o.failures ?? 0) > o.nodes)
    throw new RangeError(`ring: failures (${o.failures}) must be at most nodes (${o.nodes})`);
}

/**
 * The cluster of a ring-style run, its options checked: o.nodes nodes, the
 * run's seed, network latency 3..12 ticks and no loss unless given (runRing
 * and the set examples).
 */
export function createRingCluster(o: RingOptions): Cluster {
  checkRingOptions(o);
  return createCluster({
    nodes: o.nodes,
    seed: o.seed,
    network: {
      latencyMinTicks: o.latencyMinTicks ?? 3,
      latencyMaxTicks: o.latencyMaxTicks ?? 12,
      loss: o.loss ?? 0,
    },
  });
}

export function runRing(o: RingOptions): RingRun {
  const n = o.nodes;
  const c = createRingCluster(o);
  const positions = ringPositions(c.random('ring'), n);
  for (const node of c.nodes) node.install('store', RingStore);
  const stats = { puts: 0, gets: 0, readChecks: 0 };
  const staleReads: string[] = [];
  const errors: string[] = [];
  const ops = o.opsPerClient ?? 40;
  const keys = o.keysPerClient ?? 4;
  for (const node of c.nodes) {
    const i = node.index;
    const rnd = c.random(`ring-client${i}`);
    c.spawnClient(i, `ring-client${i}`, function* () {
      const possible = new Map<number, Set<string | null>>();
      const timedOut = new Map<number, Set<string>>();
      for (let k = 0; k < ops; k++) {
        const key = i * KEY_STRIDE + rnd.int(0, keys - 1);
        const to = ringOwner(positions, key);
        const version = c.node(i).version;
        const may = possible.get(key) ?? new Set([null]);
        const lost = timedOut.get(key) ?? new Set<string>();
        if (rnd.chance(0.5)) {
          const v = `${i}.${k}`;
          stats.puts++;
          const r = yield* c.rpc(i, to, 'store', 'put', [key, v], { version });
          if (r.ok) possible.set(key, new Set([v]));
          else if (r.error.startsWith('timeout')) timedOut.set(key, lost.add(v));
          else errors.push(`node${i} put ${key}: ${r.error}`);
        } else {
          stats.gets++;
          const r = yield* c.rpc(i, to, 'store', 'get', [key], { version });
          if (r.ok) {
            stats.readChecks++;
            const got = r.value as string | null;
            if (!may.has(got) && !(got !== null && lost.has(got)))
              staleReads.push(
                `node${i} get ${key} from node${to} at tick ${c.node(i).sim.now}: ${got}, expected one of ${[...may, ...lost].join(', ')}`,
              );
            possible.set(key, new Set([got]));
          } else if (!r.error.startsWith('timeout')) errors.push(`node${i} get ${key}: ${r.error}`);
        }
        yield* sleep(rnd.int(1, 8));
      }
    });
  }
  const schedule = o.schedule ?? 'rolling';
  if (schedule !== 'none') {
    const s = scheduleNamed(schedule, n);
    c.at(o.upgradeAtTick ?? 20, () => c.startUpgrade(o.upgrade ?? ringNullUpgrade, s));
  }
  if (o.partition) {
    const half = Array.from({ length: Math.floor(n / 2) }, (_, k) => k);
    c.at(60, () => c.network.partition([half]));
    c.at(160, () => c.network.heal());
  }
  const victims = c.random('ring-failures');
  for (let f = 0; f < (o.failures ?? 0); f++) {
    const victim = victims.int(0, n - 1);
    const tick = 40 + f * 250;
    c.at(tick, () => {
      if (c.node(victim).up) c.fail(victim);
    });
    c.at(tick + 200, () => {
      if (!c.node(victim).up) c.restart(victim);
    });
  }
  const result = c.run(o.ticksMax ?? 1_000_000);
  const ok =
    result.outcome === 'passed' &&
    staleReads.length === 0 &&
    errors.length === 0 &&
    (schedule === 'none' || c.pending === 0);
  return { cluster: c, result, ...stats, staleReads, errors, ok };
}
