import { describe, expect, test } from 'vitest';
import { sleep } from '../../src/kernel/index.ts';
import { createCluster, type Cluster, type RpcResult } from '../../src/cluster/index.ts';

class Counter {
  n = 0;
  inc(by: number): number {
    return (this.n += by);
  }
  exportFormats() {
    return ['n'];
  }
  exportState() {
    return this.n;
  }
  importFormats() {
    return ['n'];
  }
  importState(_f: string, v: unknown) {
    this.n = v as number;
  }
}

/** Every node runs a client calling the counter of the next node `calls` times. */
function ring(cluster: Cluster, calls: number, results: RpcResult[][]): void {
  const n = cluster.nodes.length;
  for (const node of cluster.nodes) node.install('counter', Counter);
  for (const node of cluster.nodes) {
    const i = node.index;
    results[i] = [];
    node.sim.spawn(`client${i}`, function* () {
      for (let k = 0; k < calls; k++) {
        results[i].push(yield* cluster.rpc(i, (i + 1) % n, 'counter', 'inc', [1]));
        yield* sleep(3);
      }
    });
  }
}

function trace(seed: number, loss: number): string {
  const c = createCluster({
    nodes: 4,
    seed,
    network: { latencyMinTicks: 2, latencyMaxTicks: 9, loss },
  });
  const results: RpcResult[][] = [];
  ring(c, 20, results);
  const r = c.run();
  expect(r.outcome, r.reason).toBe('passed');
  return JSON.stringify([r.ticks, results, c.nodes.map((x) => x.impl('counter').n)]);
}

describe('cluster: shared clock, network, RPC', () => {
  test('every RPC is answered without faults; counters count every call', () => {
    const c = createCluster({ nodes: 5, seed: 3 });
    const results: RpcResult[][] = [];
    ring(c, 10, results);
    const r = c.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(c.ledger.issued).toBe(50);
    expect(c.ledger.replied).toBe(50);
    expect(c.ledger.timedOut).toBe(0);
    for (const node of c.nodes) expect(node.impl('counter').n).toBe(10);
    expect(results[0].map((x) => (x.ok ? x.value : null))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  test('the same seed gives the same run; different seeds differ', () => {
    expect(trace(7, 0.1)).toBe(trace(7, 0.1));
    const seen = new Set([1, 2, 3, 4, 5].map((s) => trace(s, 0.1)));
    expect(seen.size).toBeGreaterThan(1);
  });

  test('loss: lost requests and replies end as timeouts, each RPC ends exactly once', () => {
    const c = createCluster({ nodes: 4, seed: 11, network: { loss: 0.3 } });
    const results: RpcResult[][] = [];
    ring(c, 25, results);
    const r = c.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(c.network.lost).toBeGreaterThan(0);
    expect(c.ledger.timedOut).toBeGreaterThan(0);
    expect(c.ledger.replied + c.ledger.timedOut).toBe(c.ledger.issued);
    const timeouts = results.flat().filter((x) => !x.ok);
    expect(timeouts.length).toBe(c.ledger.timedOut);
    expect(timeouts.every((x) => !x.ok && /timeout/.test(x.error))).toBe(true);
    expect(c.violations).toEqual([]);
  });

  test('a partition cuts links until healed', () => {
    const c = createCluster({
      nodes: 4,
      seed: 5,
      network: { latencyMinTicks: 3, latencyMaxTicks: 6 },
    });
    const results: RpcResult[][] = [];
    ring(c, 30, results);
    c.at(30, () =>
      c.network.partition([
        [0, 1],
        [2, 3],
      ]),
    );
    c.at(300, () => c.network.heal());
    const r = c.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(c.network.cut).toBeGreaterThan(0);
    // node 1 -> 2 and 3 -> 0 cross the cut; 0 -> 1 and 2 -> 3 never do
    expect(results[0].every((x) => x.ok)).toBe(true);
    expect(results[2].every((x) => x.ok)).toBe(true);
    expect(results[1].some((x) => !x.ok)).toBe(true);
    expect(results[3].some((x) => !x.ok)).toBe(true);
    expect(results[1].at(-1)!.ok).toBe(true);
  });

  test('bad input: clear errors', () => {
    expect(() => createCluster({ nodes: 0 })).toThrow(/nodes must be an integer >= 1/);
    expect(() => createCluster({ nodes: 2, network: { latencyMinTicks: 0 } })).toThrow(
      /latencyMinTicks/,
    );
    expect(() => createCluster({ nodes: 2 }).node(5)).toThrow(/no node 5/);
  });
});
