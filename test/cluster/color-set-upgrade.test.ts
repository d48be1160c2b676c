import { describe, expect, test } from 'vitest';
import { sleep } from '../../src/kernel/index.ts';
import {
  atTime,
  byGroup,
  ColorSet,
  colorSetUpgrade,
  colorSetWeakUpgrade,
  createCluster,
  rolling,
  type RpcResult,
  type Upgrade,
} from '../../src/cluster/index.ts';

type Call = [version: number, method: string, args: unknown[]];

/** Before node 0 upgrades (tick 500). */
const PHASE_A: Call[] = [
  [1, 'insert', [1, 'red']],
  [1, 'insert', [2, 'blue']],
  [2, 'insert', [3, 'lime']],
  [2, 'insert', [4, 'vanilla']],
  [2, 'flavorOf', [1]],
  [1, 'colorOf', [3]],
];
/** After. */
const PHASE_B: Call[] = [
  [1, 'insert', [5, 'green']],
  [1, 'colorOf', [1]],
  [1, 'colorOf', [3]],
  [2, 'insert', [6, 'vanilla']],
  [2, 'flavorOf', [5]],
  [2, 'flavorOf', [1]],
];

/** Node 0 serves the set; a client on node 1 makes the calls above at fixed latency. */
function handRun(u: Upgrade) {
  const c = createCluster({
    nodes: 2,
    seed: 1,
    network: { latencyMinTicks: 5, latencyMaxTicks: 5 },
  });
  c.node(0).install('set', ColorSet);
  const results: RpcResult[] = [];
  c.startUpgrade(u, atTime(500));
  c.spawnClient(1, 'client', function* () {
    for (const [version, m, args] of PHASE_A)
      results.push(yield* c.rpc(1, 0, 'set', m, args, { version }));
    yield* sleep(1000);
    for (const [version, m, args] of PHASE_B)
      results.push(yield* c.rpc(1, 0, 'set', m, args, { version }));
  });
  const r = c.run();
  return { c, r, results };
}

const ok = (value: unknown): RpcResult => ({ ok: true, value });
const refused = (inv: string, method: string, version: number) =>
  expect.objectContaining({
    ok: false,
    disallowed: inv,
    error: `disallowed: ${method} (version ${version}) would break invariant '${inv}'`,
  });

describe('ColorSet -> FlavorSet: a stronger and a weaker invariant (hand-checked, seed 1)', () => {
  test('stronger (same integers, flavor = FLAVOR_OF(color)): exactly the 2 vanilla inserts are disallowed', () => {
    const { c, r, results } = handRun(colorSetUpgrade);
    expect(r.outcome, r.reason).toBe('passed');
    const inv = 'same-colored-integers';
    expect(results).toEqual([
      ok(true),
      ok(true),
      ok(true), // lime through the future SO: stored as green
      refused(inv, 'insert', 2), // vanilla has no color (future SO)
      ok('cherry'), // flavorOf through the future SO
      ok('green'),
      ok(true), // green through the past SO: stored as lime
      ok('red'), // colorOf through the past SO
      ok('green'),
      refused(inv, 'insert', 2), // vanilla on the upgraded node, upgrade still active
      ok('lime'),
      ok('cherry'),
    ]);
    expect(c.ledger.disallowedCalls).toBe(2);
    expect(c.ledger.disallowedByInvariant.get(inv)).toBe(2);
    expect(c.node(0).version).toBe(2);
    expect(c.node(0).impl('set').view()).toEqual([
      [1, 'cherry'],
      [2, 'grape'],
      [3, 'lime'],
      [5, 'lime'],
    ]);
    // 10 served calls checked at entry and exit, 2 refused by a shadow after the entry check
    expect(c.invariantChecks).toBe(2 * 10 + 2);
    expect(c.violations).toEqual([]);
  });

  test('weaker (same integers only): vanilla is fine, the 3 cross-version label reads are disallowed', () => {
    const { c, r, results } = handRun(colorSetWeakUpgrade);
    expect(r.outcome, r.reason).toBe('passed');
    const inv = 'same-integers';
    expect(results).toEqual([
      ok(true),
      ok(true),
      ok(true),
      ok(true), // vanilla through the future SO: stored with the default color
      refused(inv, 'flavorOf', 2), // a color does not say the flavor
      ok('red'), // 3 got the default color
      ok(true),
      refused(inv, 'colorOf', 1),
      refused(inv, 'colorOf', 1),
      ok(true),
      ok('vanilla'), // 5 got the default flavor through the past SO
      ok('cherry'), // the transfer maps each color to its flavor
    ]);
    expect(c.ledger.disallowedCalls).toBe(3);
    expect(c.ledger.disallowedByInvariant.get(inv)).toBe(3);
    expect(c.node(0).impl('set').view()).toEqual([
      [1, 'cherry'],
      [2, 'grape'],
      [3, 'cherry'],
      [4, 'cherry'],
      [5, 'vanilla'],
      [6, 'vanilla'],
    ]);
    expect(c.violations).toEqual([]);
  });

  test('without the guard on upgraded nodes, a vanilla insert breaks the stronger invariant', () => {
    const { current: _dropped, ...unguarded } = colorSetUpgrade;
    const { c, results } = handRun(unguarded);
    expect(results[9]).toEqual(ok(true));
    expect(c.ledger.disallowedCalls).toBe(1);
    expect(c.violations).toEqual([
      expect.stringMatching(
        /^node0: invariant 'same-colored-integers' broken at exit of a call on 'set'/,
      ),
      expect.stringMatching(/^node0: invariant 'same-colored-integers' broken at entry/),
      expect.stringMatching(/^node0: invariant 'same-colored-integers' broken at exit/),
      expect.stringMatching(/^node0: invariant 'same-colored-integers' broken at entry/),
      expect.stringMatching(/^node0: invariant 'same-colored-integers' broken at exit/),
    ]);
  });

  test('a bad color or flavor fails the call with a clear error, not a disallowed one', () => {
    const c = createCluster({ nodes: 2, seed: 1 });
    c.node(0).install('set', ColorSet);
    c.startUpgrade(colorSetUpgrade, atTime(10_000));
    const out: RpcResult[] = [];
    c.spawnClient(1, 'client', function* () {
      out.push(yield* c.rpc(1, 0, 'set', 'insert', [1, 'mauve'], { version: 1 }));
      out.push(yield* c.rpc(1, 0, 'set', 'insert', [1, 'mint'], { version: 2 }));
    });
    c.run(20_000);
    expect(out[0]).toMatchObject({
      ok: false,
      error: expect.stringMatching(/color must be one of red, green, blue, got mauve/),
    });
    expect(out[1]).toMatchObject({
      ok: false,
      error: expect.stringMatching(/flavor must be one of .*vanilla, got mint/),
    });
    expect(c.ledger.disallowedCalls).toBe(0);
  });
});

const SEEDS = Number(process.env.CLUSTER_SEEDS ?? 8);
const METHODS: Record<number, string[]> = {
  1: ['insert', 'remove', 'isIn', 'colorOf'],
  2: ['insert', 'remove', 'isIn', 'flavorOf'],
};
const LABELS: Record<number, string[]> = {
  1: ['red', 'green', 'blue'],
  2: ['cherry', 'lime', 'grape', 'vanilla'],
};

/** 5 nodes serve a set; each node's client makes random calls at its own version. */
function faultyRun(seed: number, u: Upgrade) {
  const n = 5;
  const c = createCluster({
    nodes: n,
    seed,
    network: { latencyMinTicks: 3, latencyMaxTicks: 12, loss: 0.05 },
  });
  for (const node of c.nodes) node.install('set', ColorSet);
  const refusedSeen: string[] = [];
  const errors: string[] = [];
  for (const node of c.nodes) {
    const i = node.index;
    const rnd = c.random(`client${i}`);
    c.spawnClient(i, `client${i}`, function* () {
      for (let k = 0; k < 30; k++) {
        const version = c.node(i).version;
        const m = rnd.pick(METHODS[version]);
        const args =
          m === 'insert' ? [rnd.int(0, 15), rnd.pick(LABELS[version])] : [rnd.int(0, 15)];
        const r = yield* c.rpc(i, rnd.int(0, n - 1), 'set', m, args, { version });
        if (!r.ok && r.disallowed === undefined && !r.error.startsWith('timeout'))
          errors.push(`seed ${seed} node${i} ${version}:${m}: ${r.error}`);
        if (!r.ok && r.disallowed !== undefined)
          refusedSeen.push(`${version}:${m}:${String(args[1])}`);
        yield* sleep(rnd.int(1, 10));
      }
    });
  }
  c.at(30, () => c.startUpgrade(u, rolling()));
  c.at(100, () => c.network.partition([[0, 1]]));
  c.at(200, () => c.network.heal());
  c.at(50, () => c.fail(2));
  c.at(300, () => c.restart(2));
  return { c, refusedSeen, errors };
}

describe(`ColorSet -> FlavorSet under loss, a partition and a restart: ${SEEDS} seeds`, () => {
  const cases: [string, Upgrade, RegExp][] = [
    ['stronger', colorSetUpgrade, /^2:insert:vanilla$/],
    ['weaker', colorSetWeakUpgrade, /^(2:flavorOf|1:colorOf):undefined$/],
  ];
  for (const [name, u, allowedRefusals] of cases) {
    test(`${name}: zero checker violations; only its own calls are disallowed`, () => {
      let total = 0;
      for (let s = 1; s <= SEEDS; s++) {
        const { c, refusedSeen, errors } = faultyRun(s, u);
        const r = c.run(200_000);
        expect(r.outcome, `seed ${s}: ${r.reason}`).toBe('passed');
        expect(c.violations, `seed ${s}`).toEqual([]);
        // no call runs on the new object with the old version's meaning
        expect(errors).toEqual([]);
        expect(c.pending, `seed ${s}`).toBe(0);
        for (const x of refusedSeen) expect(x, `seed ${s}`).toMatch(allowedRefusals);
        total += c.ledger.disallowedCalls;
      }
      expect(total).toBeGreaterThan(0);
    });
  }
});

test('byGroup keeps a node at version 1 serving both versions through the future SO', () => {
  const c = createCluster({ nodes: 2, seed: 4 });
  for (const n of c.nodes) n.install('set', ColorSet);
  c.startUpgrade(colorSetUpgrade, byGroup([[0]]));
  const out: RpcResult[] = [];
  c.spawnClient(0, 'client', function* () {
    yield* sleep(50);
    out.push(yield* c.rpc(0, 1, 'set', 'insert', [7, 'grape'], { version: 2 }));
    out.push(yield* c.rpc(0, 1, 'set', 'colorOf', [7], { version: 1 }));
  });
  expect(c.run().outcome).toBe('passed');
  expect(c.node(1).version).toBe(1);
  expect(out).toEqual([ok(true), ok('blue')]);
});
