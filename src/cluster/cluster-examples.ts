/**
 * CLUSTER_EXAMPLES: the paper's examples as runnable cluster runs, by name,
 * for the `kernel-sim cluster` command (docs/UPSTART.md, "CLI").
 *
 *   ring           the null upgrade of a DHT-like ring under load (runRing)
 *   growset        GrowSet -> IntSet
 *   colorset       ColorSet -> FlavorSet, stronger invariant
 *   colorset-weak  ColorSet -> FlavorSet, weaker invariant
 *
 * A set example installs the old class as 'set' on every node; each node
 * runs one client (cluster.spawnClient) making `opsPerClient` random calls
 * of its own version's interface to random nodes; the upgrade starts at tick
 * 20 with the named schedule; faults as in runRing (loss, a partition into
 * halves from tick 60 to 160, failures with restarts 200 ticks later).
 *
 * Interface: `runExample(name, options)` -> ExampleRun: the cluster, its
 * result, `ok` (every checker passed and every node upgraded) and the
 * disallowed calls by `version:method`.
 */
import type { Prng } from '../kernel/index.ts';
import { sleep } from '../kernel/index.ts';
import type { Cluster, ClusterResult } from './cluster.ts';
import { ColorSet, colorSetUpgrade, colorSetWeakUpgrade } from './color-set-upgrade.ts';
import { GrowSet, growSetUpgrade } from './grow-set-upgrade.ts';
import { createRingCluster, runRing, scheduleNamed, type RingOptions } from './ring-run.ts';
import type { Upgrade } from './upgrade.ts';

export type ExampleOptions = Omit<RingOptions, 'upgrade'>;

export interface ExampleRun {
  readonly cluster: Cluster;
  readonly result: ClusterResult;
  readonly ok: boolean;
  /** Calls refused, by `version:method`, as the clients saw them. */
  readonly refused: ReadonlyMap<string, number>;
  /** Workload checks that failed (stale reads of the ring). */
  readonly problems: readonly string[];
}

interface SetExample {
  readonly cls: new () => object;
  readonly upgrade: Upgrade;
  /** Per version: a random call of that version's interface. */
  call(version: number, rnd: Prng): [string, unknown[]];
}

const x = (rnd: Prng): number => rnd.int(0, 15);

const GROW: SetExample = {
  cls: GrowSet,
  upgrade: growSetUpgrade,
  call: (v, rnd) => [
    rnd.pick(v === 1 ? ['insert', 'isIn'] : ['insert', 'isIn', 'remove']),
    [x(rnd)],
  ],
};

function colorExample(upgrade: Upgrade): SetExample {
  return {
    cls: ColorSet,
    upgrade,
    call: (v, rnd) => {
      const m = rnd.pick(['insert', 'remove', 'isIn', v === 1 ? 'colorOf' : 'flavorOf']);
      if (m !== 'insert') return [m, [x(rnd)]];
      const labels = v === 1 ? ['red', 'green', 'blue'] : ['cherry', 'lime', 'grape', 'vanilla'];
      return [m, [x(rnd), rnd.pick(labels)]];
    },
  };
}

const SETS: Readonly<Record<string, SetExample>> = {
  growset: GROW,
  colorset: colorExample(colorSetUpgrade),
  'colorset-weak': colorExample(colorSetWeakUpgrade),
};

export const EXAMPLE_NAMES = ['ring', ...Object.keys(SETS)] as const;

function runSet(ex: SetExample, o: ExampleOptions): ExampleRun {
  const n = o.nodes;
  const c = createRingCluster(o);
  for (const node of c.nodes) node.install('set', ex.cls);
  const refused = new Map<string, number>();
  const problems: string[] = [];
  for (const node of c.nodes) {
    const i = node.index;
    const rnd = c.random(`client${i}`);
    c.spawnClient(i, `client${i}`, function* () {
      for (let k = 0; k < (o.opsPerClient ?? 40); k++) {
        const version = c.node(i).version;
        const [m, args] = ex.call(version, rnd);
        const r = yield* c.rpc(i, rnd.int(0, n - 1), 'set', m, args, { version });
        const key = `${version}:${m}`;
        if (!r.ok && r.disallowed !== undefined) refused.set(key, (refused.get(key) ?? 0) + 1);
        else if (!r.ok && !r.error.startsWith('timeout'))
          problems.push(`node${i} ${key}: ${r.error}`);
        yield* sleep(rnd.int(1, 8));
      }
    });
  }
  const schedule = o.schedule ?? 'rolling';
  if (schedule !== 'none')
    c.at(o.upgradeAtTick ?? 20, () => c.startUpgrade(ex.upgrade, scheduleNamed(schedule, n)));
  if (o.partition) {
    const half = Array.from({ length: Math.floor(n / 2) }, (_, k) => k);
    c.at(60, () => c.network.partition([half]));
    c.at(160, () => c.network.heal());
  }
  const victims = c.random('failures');
  for (let f = 0; f < (o.failures ?? 0); f++) {
    const victim = victims.int(0, n - 1);
    c.at(40 + f * 250, () => {
      if (c.node(victim).up) c.fail(victim);
    });
    c.at(240 + f * 250, () => {
      if (!c.node(victim).up) c.restart(victim);
    });
  }
  const result = c.run(o.ticksMax ?? 1_000_000);
  const ok =
    result.outcome === 'passed' &&
    problems.length === 0 &&
    (schedule === 'none' || c.pending === 0);
  return { cluster: c, result, ok, refused, problems };
}

export function runExample(name: string, o: ExampleOptions): ExampleRun {
  if (name === 'ring') {
    const r = runRing(o);
    return {
      cluster: r.cluster,
      result: r.result,
      ok: r.ok,
      refused: new Map(),
      problems: [...r.staleReads, ...r.errors],
    };
  }
  const ex = SETS[name];
  if (ex === undefined)
    throw new RangeError(
      `unknown cluster example '${name}': use one of ${EXAMPLE_NAMES.join(', ')}`,
    );
  return runSet(ex, o);
}
