/**
 * ClusterNode: one machine of the cluster: its own Simulation (kernel,
 * table, quiescence, hot swap), its named objects, its software version,
 * its simulated disk, and its upgrade layer (docs/UPSTART.md, "Nodes").
 *
 * Interface: `install(name, Class, ...args)` creates a named object (and
 * writes it to disk); `dispatch(call)` is the server side of an RPC: it
 * serves the call for the node's version directly, or through the past or
 * future SO of the active upgrade (a call arriving during the node's
 * upgrade waits until it is over); `upgrade(u)` hot-swaps every object of
 * u.oldClass through the existing protocol and moves the node to u.to when
 * all swaps completed; `fail()` stops the node (memory lost, in-flight
 * messages dropped); `restart()` builds a new Simulation from the disk.
 *
 * Invariant: the disk holds, per object, its class and last exported
 * state, written after every served call and every completed upgrade.
 */
import { createSimulation, type Simulation } from '../simulation/index.ts';
import { sleep, type Op } from '../kernel/index.ts';
import { SimulationObject } from './simulation-object.ts';
import { DisallowedCallError, type Upgrade } from './upgrade.ts';

type Newable = abstract new (...args: any) => any;

export interface RpcRequest {
  readonly object: string;
  readonly method: string;
  readonly args: readonly unknown[];
  /** The version the caller expects. */
  readonly version: number;
}

interface DiskRecord {
  cls: Newable;
  args: readonly unknown[];
  state: unknown;
  format: string | null;
}

/** What a node calls back into: the active upgrade and the invariant checker. */
export interface NodeHost {
  readonly upgrade: Upgrade | null;
  checkInvariant(node: ClusterNode, object: string, where: 'entry' | 'exit'): void;
}

export class ClusterNode {
  sim!: Simulation;
  up = true;
  incarnation = 0;
  upgrading = false;
  /** RPCs being served now (whenIdle reads it). */
  serving = 0;
  readonly refs = new Map<string, any>();
  private readonly disk = new Map<string, DiskRecord>();
  private diskVersion: number;

  constructor(
    readonly index: number,
    readonly seed: number,
    readonly cpus: number,
    public version: number,
    private readonly host: NodeHost,
  ) {
    this.diskVersion = version;
    this.boot();
  }

  get name(): string {
    return `node${this.index}`;
  }

  install(name: string, cls: Newable, ...args: unknown[]): any {
    if (this.refs.has(name)) throw new Error(`${this.name}.install: '${name}' exists already`);
    const ref = this.sim.objects.createNamed(name, cls, ...args);
    this.refs.set(name, ref);
    this.disk.set(name, { cls, args, state: undefined, format: null });
    this.save(name);
    return ref;
  }

  /** The current implementation behind a named object (checkers, tests). */
  impl(name: string): any {
    const ref = this.refs.get(name);
    if (ref === undefined) throw new Error(`${this.name}: no object named '${name}'`);
    return this.sim.objects.peek(ref);
  }

  *dispatch(call: RpcRequest): Op<unknown> {
    // A call that arrives while the node upgrades waits until the swaps are
    // over and the version flipped: resolved before, it could run on the
    // new object with the old version's meaning (or be held by the swap and
    // released onto the new object). The handler is deactivated (it is not
    // counted by quiescence outside table calls), so the swap never waits
    // for it. Bounded: an upgrade ends (completed or aborted) or the node fails.
    const incarnation = this.incarnation;
    while (this.upgrading && this.incarnation === incarnation) yield* sleep(1);
    const ref = this.refs.get(call.object);
    if (ref === undefined) throw new Error(`${this.name}: no object named '${call.object}'`);
    const fn = this.resolve(ref, call);
    this.serving++;
    try {
      this.host.checkInvariant(this, call.object, 'entry');
      let out = fn(...call.args);
      if (isGenerator(out)) out = yield* out as Op<unknown>;
      this.host.checkInvariant(this, call.object, 'exit');
      this.save(call.object);
      return out;
    } finally {
      this.serving--;
    }
  }

  private resolve(refIn: any, call: RpcRequest): (...args: unknown[]) => unknown {
    const u = this.host.upgrade;
    const ref = this.callable(refIn);
    if (call.version === this.version) {
      // between a swap's completion and the version flip the object is
      // already new: a caller of the node's version sees only its class
      const own = u === null ? null : this.version === u.from ? u.oldClass : u.newClass;
      const has = own === null || typeof own.prototype?.[call.method] === 'function';
      if (!has || typeof ref[call.method] !== 'function')
        throw new Error(`${this.name}: '${call.object}' has no method '${call.method}'`);
      const guard = u !== null && this.version === u.to ? u.current?.[call.method] : undefined;
      if (guard === 'disallow')
        throw new DisallowedCallError(u!.invariant.name, call.method, call.version);
      if (typeof guard === 'function') return (...args) => guard(ref, ...args);
      return (...args) => ref[call.method](...args);
    }
    const kind =
      u && call.version === u.to && this.version === u.from
        ? 'future'
        : u && call.version === u.from && this.version === u.to
          ? 'past'
          : null;
    if (kind === null || u === null)
      throw new Error(
        `${this.name}: version mismatch: call for version ${call.version}, node runs ${this.version} and no upgrade bridges them`,
      );
    return new SimulationObject(u, kind).resolve(ref, call.method);
  }

  /** The ref, with methods the swapped-in class added reached by name through the table. */
  private callable(ref: any): any {
    const objects = this.sim.objects;
    return new Proxy(ref, {
      get: (r, k) => {
        const v = r[k];
        if (v !== undefined || typeof k !== 'string') return v;
        const impl: any = objects.peek(r);
        return typeof impl?.[k] === 'function'
          ? (...a: unknown[]) => objects.call(r, k, ...a)
          : undefined;
      },
    });
  }

  /** Hot-swap every object of u.oldClass; `done(ok)` when all swaps ended. */
  upgrade(u: Upgrade, done: (ok: boolean) => void): void {
    const names = [...this.refs.keys()].filter((n) => this.disk.get(n)!.cls === u.oldClass);
    const incarnation = this.incarnation;
    this.upgrading = true;
    const swaps = names.map((n) => this.sim.hotswap(this.refs.get(n), u.newClass as any, u.swap));
    const poll = (): void => {
      if (incarnation !== this.incarnation || !this.up) return;
      if (swaps.some((s) => s.outcome === 'pending')) {
        this.sim.at(this.sim.now + 1, poll, 'upgrade.poll');
        return;
      }
      const ok = swaps.every((s) => s.outcome === 'completed');
      this.upgrading = false;
      if (ok) {
        this.version = u.to;
        this.diskVersion = u.to;
        for (const n of names) {
          this.disk.get(n)!.cls = u.newClass;
          this.save(n);
        }
      }
      done(ok);
    };
    this.sim.at(this.sim.now, poll, 'upgrade.poll');
  }

  fail(): void {
    this.up = false;
    this.upgrading = false;
  }

  /** Boot a fresh Simulation from the disk (a restart after fail()). */
  restart(): void {
    if (this.up) throw new Error(`${this.name}.restart: the node is up; fail() it first`);
    this.up = true;
    this.incarnation++;
    this.version = this.diskVersion;
    this.boot();
    for (const [name, rec] of this.disk) {
      const ref = this.sim.objects.createNamed(name, rec.cls, ...rec.args);
      this.refs.set(name, ref);
      const impl: any = this.sim.objects.peek(ref);
      if (rec.format !== null) impl.importState(rec.format, rec.state, RESTORE);
    }
  }

  private boot(): void {
    this.sim = createSimulation({ seed: this.seed + this.incarnation * 7919, cpus: this.cpus });
    this.refs.clear();
  }

  private save(name: string): void {
    const rec = this.disk.get(name)!;
    const impl = this.impl(name);
    const formats: readonly string[] = impl.exportFormats?.() ?? [];
    rec.format = formats[0] ?? null;
    rec.state = rec.format === null ? undefined : impl.exportState(rec.format, RESTORE);
  }
}

const RESTORE = { cpu: -1, cpus: [], count: 1 } as never;

function isGenerator(v: unknown): boolean {
  return typeof v === 'object' && v !== null && typeof (v as any).next === 'function';
}
