/**
 * Cluster: N nodes, each its own Simulation, on one clock in one
 * deterministic run, joined by a seeded Network (docs/UPSTART.md).
 *
 * Interface: `createCluster({ nodes, seed, network })`; `node(i)`;
 * `rpc(from, to, object, method, args, { version, timeoutTicks })` is an Op
 * a thread on node `from` runs with `yield*`: it blocks until the reply or
 * the timeout and returns an RpcResult; `at(tick, fn)` runs fn at a cluster
 * tick (between windows); `spawnClient(i, name, body)` starts a long-lived
 * client thread on node i that quiescence does not wait for (K42
 * DeactivateSelf; otherwise the node's hot swap waits until the client
 * exits); `startUpgrade(upgrade, schedule)`; `fail(i)`,
 * `restart(i)`; `run(ticksMax)` -> ClusterResult.
 *
 * Shared clock: the driver advances all nodes in windows of
 * network.latencyMinTicks ticks; within a window it runs each node's kernel
 * up to the window's end, in node order. A message sent in a window arrives
 * at least latencyMinTicks later, hence in a later window, so no node ever
 * receives a message in its past (conservative lookahead). The order is a
 * pure function of the seed.
 */
import { block, deactivateSelf, Prng, WaitQueue, type Op } from '../kernel/index.ts';
import { ClusterNode, type NodeHost, type RpcRequest } from './cluster-node.ts';
import { Network, type NetworkOptions } from './network.ts';
import { RpcLedger } from './rpc-ledger.ts';
import { checkUpgrade, DisallowedCallError, type Upgrade } from './upgrade.ts';
import type { UpgradeSchedule } from './upgrade-schedule.ts';
import { ClusterTimeline } from './cluster-timeline.ts';

export interface ClusterOptions {
  readonly nodes: number;
  readonly seed?: number;
  readonly cpus?: number;
  /** The version every node starts at (default 1). */
  readonly version?: number;
  readonly network?: NetworkOptions;
}

export type RpcResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: string; readonly disallowed?: string };

export interface RpcOptions {
  readonly version?: number;
  readonly timeoutTicks?: number;
}

export interface ClusterResult {
  readonly outcome: 'passed' | 'liveness' | 'crash' | 'violation';
  readonly ticks: number;
  readonly reason?: string;
  readonly violations: readonly string[];
}

interface ClusterAction {
  readonly tick: number;
  readonly seq: number;
  readonly fn: () => void;
}

export class Cluster implements NodeHost {
  readonly nodes: ClusterNode[];
  readonly network: Network;
  readonly ledger = new RpcLedger();
  readonly timeline: ClusterTimeline;
  readonly invariantViolations: string[] = [];
  invariantChecks = 0;
  upgrade: Upgrade | null = null;
  now = 0;
  private readonly prng: Prng;
  private actions: ClusterAction[] = [];
  private actionSeq = 0;
  private readonly waiting = new Map<number, (ok: boolean) => void>();
  private readonly open = new Map<number, { from: number; incarnation: number }>();

  constructor(options: ClusterOptions) {
    const n = options.nodes;
    if (!Number.isInteger(n) || n < 1)
      throw new RangeError(`cluster: nodes must be an integer >= 1, got ${n}`);
    const seed = options.seed ?? 1;
    this.prng = new Prng(seed);
    this.network = new Network(this.prng.derive('network'), options.network);
    const version = options.version ?? 1;
    this.nodes = Array.from(
      { length: n },
      (_, i) => new ClusterNode(i, seed * 1000 + i, options.cpus ?? 1, version, this),
    );
    this.timeline = new ClusterTimeline(n, version);
  }

  node(i: number): ClusterNode {
    const node = this.nodes[i];
    if (node === undefined)
      throw new RangeError(`cluster: no node ${i} (nodes 0..${this.nodes.length - 1})`);
    return node;
  }

  random(name: string): Prng {
    return this.prng.derive(name);
  }

  /** Run fn at cluster tick `tick` (at a window boundary, before nodes run). */
  at(tick: number, fn: () => void): void {
    if (!Number.isInteger(tick) || tick < this.now)
      throw new RangeError(`cluster.at: tick must be an integer >= now (${this.now}), got ${tick}`);
    this.actions.push({ tick, seq: this.actionSeq++, fn });
    this.actions.sort((a, b) => a.tick - b.tick || a.seq - b.seq);
  }

  /**
   * Start a long-lived client thread on node i. It deactivates itself first
   * (K42 DeactivateSelf): it is counted by quiescence only inside table
   * calls, so a hot swap on its node does not wait for it to exit. A thread
   * spawned with node.sim.spawn instead stays counted for its whole life and
   * holds back every swap on its node until it ends (docs/UPSTART.md).
   */
  spawnClient(i: number, name: string, body: () => Op<void>): void {
    this.node(i).sim.spawn(name, function* () {
      yield* deactivateSelf();
      yield* body();
    });
  }

  /** The client side of an RPC, run by a thread on node `from`. */
  *rpc(
    from: number,
    to: number,
    object: string,
    method: string,
    args: readonly unknown[] = [],
    options: RpcOptions = {},
  ): Op<RpcResult> {
    const caller = this.node(from);
    this.node(to);
    const timeoutTicks = options.timeoutTicks ?? this.network.latencyMaxTicks * 4 + 50;
    if (!Number.isInteger(timeoutTicks) || timeoutTicks < 1)
      throw new RangeError(`rpc: timeoutTicks must be an integer >= 1, got ${timeoutTicks}`);
    const id = this.ledger.issue();
    this.open.set(id, { from, incarnation: caller.incarnation });
    const q = new WaitQueue(`rpc#${id}`);
    const rec: { result: RpcResult | null } = { result: null };
    const finish = (result: RpcResult, how: 'replied' | 'timeout'): void => {
      if (rec.result !== null) {
        if (how === 'replied') this.ledger.late(id);
        return;
      }
      rec.result = result;
      this.ledger.end(id, how);
      this.open.delete(id);
      q.wakeAll();
    };
    const sim = caller.sim;
    const timeout = sim.at(sim.now + timeoutTicks, () =>
      finish({ ok: false, error: `timeout after ${timeoutTicks} ticks` }, 'timeout'),
    );
    const call: RpcRequest = { object, method, args, version: options.version ?? caller.version };
    this.send(from, to, sim.now, () =>
      this.serve(to, call, (result) =>
        this.send(to, from, this.node(to).sim.now, () => {
          if (rec.result === null) timeout.cancel();
          finish(result, 'replied');
        }),
      ),
    );
    yield* block(q);
    return rec.result!;
  }

  /** Deliver fn on node `to` when a message sent at `tick` arrives (if it does). */
  private send(from: number, to: number, tick: number, fn: () => void): void {
    const target = this.nodes[to];
    if (!target.up) {
      this.network.cut++;
      return;
    }
    const arrival = this.network.route(from, to, tick);
    if (arrival === null) return;
    const incarnation = target.incarnation;
    target.sim.at(arrival, () => {
      if (target.up && target.incarnation === incarnation) fn();
    });
  }

  /** The server side: a handler thread on node `to` runs the call. */
  private serve(to: number, call: RpcRequest, reply: (r: RpcResult) => void): void {
    const node = this.nodes[to];
    const self = this;
    node.sim.spawn(`rpc:${call.object}.${call.method}`, function* () {
      yield* deactivateSelf(); // counted by quiescence only inside table calls
      let result: RpcResult;
      try {
        result = { ok: true, value: yield* node.dispatch(call) };
      } catch (e) {
        if (e instanceof DisallowedCallError) {
          self.ledger.disallowed(e.invariant);
          result = { ok: false, error: e.message, disallowed: e.invariant };
        } else result = { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
      reply(result);
    });
  }

  checkInvariant(node: ClusterNode, object: string, where: 'entry' | 'exit'): void {
    const u = this.upgrade;
    if (u === null) return;
    const impl = node.impl(object);
    const isNew = impl instanceof u.newClass;
    if (!isNew && !(impl instanceof u.oldClass)) return;
    this.invariantChecks++;
    const newView = isNew ? u.newView(impl) : u.transform(u.oldView(impl));
    const oldView = isNew ? u.retro(newView) : u.oldView(impl);
    if (!u.invariant.holds(oldView, newView))
      this.invariantViolations.push(
        `${node.name}: invariant '${u.invariant.name}' broken at ${where} of a call on '${object}' (tick ${node.sim.now})`,
      );
  }

  /** Begin an upgrade; `schedule` decides when each node runs it. */
  startUpgrade(u: Upgrade, schedule: UpgradeSchedule): void {
    checkUpgrade(u);
    if (this.upgrade !== null)
      throw new Error(`cluster.startUpgrade: '${this.upgrade.name}' is still in progress`);
    this.upgrade = u;
    schedule.start(this, u);
  }

  /** Run the upgrade layer of node i now; `done(ok)` when its swaps ended. */
  upgradeNode(i: number, done: (ok: boolean) => void = () => undefined): void {
    const u = this.upgrade;
    const node = this.node(i);
    if (u === null) throw new Error('cluster.upgradeNode: no upgrade in progress');
    if (node.version === u.to || node.upgrading) return done(node.version === u.to);
    this.waiting.set(i, done);
    if (!node.up) return;
    this.timeline.mark(this.now, i, node.version, 'upgrading');
    const tick = Math.max(this.now, node.sim.now);
    node.sim.at(tick, () =>
      node.upgrade(u, (ok) => {
        this.timeline.mark(node.sim.now, i, node.version, ok ? 'upgraded' : 'upgrade failed');
        this.waiting.delete(i);
        done(ok);
      }),
    );
  }

  /** Nodes not yet at the active upgrade's target version. */
  get pending(): number {
    const u = this.upgrade;
    return u === null ? 0 : this.nodes.filter((n) => n.version !== u.to).length;
  }

  fail(i: number): void {
    this.node(i).fail();
    this.timeline.mark(this.now, i, this.node(i).version, 'failed');
  }

  restart(i: number): void {
    const node = this.node(i);
    node.restart();
    node.sim.at(this.now, () => undefined);
    node.sim.kernel.run(this.now);
    this.timeline.mark(this.now, i, node.version, 'restarted');
    const done = this.waiting.get(i);
    if (done !== undefined) this.upgradeNode(i, done);
  }

  run(ticksMax = 1_000_000): ClusterResult {
    const w = this.network.latencyMinTicks;
    try {
      for (;;) {
        this.runActions();
        if (this.now >= ticksMax) return this.result('liveness', `ticksMax ${ticksMax} reached`);
        const end = this.now + w;
        let busy = this.actions.length > 0;
        let stuck: string | null = null;
        for (const node of this.nodes) {
          if (!node.up) continue;
          const r = node.sim.kernel.run(end);
          if (r.outcome === 'halted') return this.result('crash', `${node.name}: ${r.reason}`);
          if (r.outcome === 'ticks-max') busy = true;
          if (r.outcome === 'deadlock') stuck ??= `${node.name}: ${r.reason}`;
        }
        this.now = end;
        if (!busy) return stuck === null ? this.result('passed') : this.result('liveness', stuck);
      }
    } catch (e) {
      return this.result('crash', e instanceof Error ? (e.stack ?? e.message) : String(e));
    }
  }

  private runActions(): void {
    while (this.actions.length > 0 && this.actions[0].tick <= this.now) {
      this.actions.shift()!.fn();
    }
  }

  /** Every rule the checkers found broken. */
  get violations(): string[] {
    const lost: string[] = [];
    for (const [id, o] of this.open) {
      const n = this.nodes[o.from];
      if (n.up && n.incarnation === o.incarnation)
        lost.push(`rpc #${id}: lost (its caller on ${n.name} never resumed)`);
    }
    return [...this.ledger.violations, ...this.invariantViolations, ...lost];
  }

  private result(outcome: ClusterResult['outcome'], reason?: string): ClusterResult {
    const violations = this.violations;
    const o = outcome === 'passed' && violations.length > 0 ? 'violation' : outcome;
    const why = o === 'violation' ? violations[0] : reason;
    return { outcome: o, ticks: this.now, ...(why ? { reason: why } : {}), violations };
  }
}

export function createCluster(options: ClusterOptions): Cluster {
  return new Cluster(options);
}
