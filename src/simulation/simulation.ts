/**
 * Simulation: the composition root (docs/ARCHITECTURE.md, "Layers"). It wires the
 * kernel, the translation table, the quiescence detector, the interposer and
 * the hot-swap protocol, and is the object scenario authors program against.
 *
 * Lifecycle: create, then observe (`events$`), then `run`. Nothing runs
 * before `run`: `spawn` and `at` only queue work.
 *
 * Interface: `objects` (create / destroy / call / info), `spawn`, `at`,
 * `workload`, `interpose`, `hotswap`, `updateClass`, `swapTogether`,
 * `quiescence` (request / blockers), `transaction` (name, body: a
 * transaction, nested, transactions/transactions.ts), `provide` (bind an injection token),
 * `random(name)` (a derived PRNG stream), `run` -> RunResult.
 */
import type { Observable } from 'rxjs';
import { filter } from 'rxjs';
import {
  EventBus,
  Kernel,
  isKernelPanic,
  describeError,
  LiveLimitError,
  Prng,
  Schedule,
  parseSchedule,
  startWorkload,
  type Action,
  type KernelRunResult,
  type KernelSpawnOptions,
  type Stamped,
  type ThreadBody,
  type ThreadView,
  type WorkloadSpec,
  type WorkloadStats,
  type Op,
  type SchedulingPolicy,
} from '../kernel/index.ts';
import {
  TranslationTable,
  type Mediator,
  type ObjectRef,
  type TableEntry,
} from '../translation-table/index.ts';
import { createDetector, type QuiescenceDetector } from '../quiescence/index.ts';
import { Interposer, type MediatorHandle } from '../interposition/index.ts';
import { RoundRobinPolicy } from '../objects/index.ts';
import {
  HotSwapper,
  type SwapHandle,
  type SwapOptions,
  type ClassUpdate,
  type ClassUpdateOptions,
  type SwapGroup,
} from '../hotswap/index.ts';
import {
  Transactions,
  type TransactionBody,
  type TransactionOptions,
} from '../transactions/index.ts';
import { Composition } from './composition.ts';
import { EventsHasher } from './events-hash.ts';
import { ObjectSpace } from './object-space.ts';
import {
  resolveOptions,
  type ResolvedOptions,
  type SimulationOptions,
} from './simulation-options.ts';
import type { SimulationEvent } from './simulation-event.ts';
import type { RunOutcome, RunResult } from './run-result.ts';
import { RunInterrupted, type RunSlicer } from './run-interrupted.ts';

export interface ThreadHandle extends ThreadView {
  readonly result: unknown;
  readonly error: unknown;
  readonly tickExited: number;
}

type Newable = abstract new (...args: any) => any;

export class Simulation {
  readonly options: ResolvedOptions;
  readonly prng: Prng;
  readonly kernel: Kernel;
  readonly table: TranslationTable;
  readonly quiescence: QuiescenceDetector;
  readonly interposer: Interposer;
  readonly swapper: HotSwapper;
  readonly objects: ObjectSpace;
  readonly transactions: Transactions;
  readonly composition: Composition;
  /** The scheduling policy the dispatcher reaches through the table. */
  readonly scheduler: ObjectRef<SchedulingPolicy>;
  readonly events$: Observable<Stamped<SimulationEvent>>;
  private readonly bus: EventBus<SimulationEvent>;
  private readonly hasher: EventsHasher | null;
  private failure: { outcome: RunOutcome; reason: string } | null = null;
  private ran = false;

  constructor(options: SimulationOptions = {}) {
    const o = (this.options = resolveOptions(options));
    this.prng = new Prng(o.seed);
    const clock = {
      get now() {
        return kernel.now;
      },
    };
    this.bus = new EventBus<SimulationEvent>(clock);
    const spec = parseSchedule(o.schedule);
    const schedule = spec.kind === 'fifo' ? null : new Schedule(spec, this.prng.derive('schedule'));
    const kernel = (this.kernel = new Kernel(
      { cpus: o.cpus, quantumTicks: o.quantumTicks, schedule, threadsMax: o.threadsMax },
      this.bus,
    ));
    this.bus.useClock(kernel);
    this.events$ = this.bus.events$;
    this.bus.onObserverError = (error, event) =>
      this.fail(
        'crash',
        `an observer of the event stream threw on ${event.type} at tick ${event.tick}: ${describeError(error)}`,
      );
    this.hasher = o.hashEvents ? new EventsHasher() : null;
    if (this.hasher) this.bus.hashInto(this.hasher);
    this.composition = new Composition(clock, { cpus: o.cpus, quantumTicks: o.quantumTicks });
    kernel.onLimit = (reason) => this.fail('liveness', reason);
    this.table = new TranslationTable(kernel, this.bus, o.callStats, o.callDepthMax);
    this.table.objectsMax = o.objectsMax;
    this.table.construct = (cls, args) => this.composition.construct(cls, args);
    this.quiescence = createDetector(o.detector, kernel, this.bus, o.pollTicks);
    kernel.lifecycle = this.quiescence;
    this.table.generationOf = (t) => this.quiescence.generationOf(t);
    this.table.deferReclaim = (_entry, reclaim) =>
      void this.quiescence.request(reclaim, { label: 'reclaim' });
    this.interposer = new Interposer(this.table, this.bus);
    this.swapper = new HotSwapper(
      kernel,
      this.table,
      this.interposer,
      this.quiescence,
      this.bus,
      this.options.swapStrategy,
      this.options.swapWait,
      this.options.swapMediation,
    );
    this.transactions = this.swapper.transactions = new Transactions(kernel, this.table, this.bus);
    this.objects = new ObjectSpace(this.table);
    this.scheduler = this.objects.createNamed('scheduler', RoundRobinPolicy);
    kernel.policy = this.scheduler;
  }

  /** Bind an injection token for objects built after this call. */
  provide(token: symbol | string, value: unknown): void {
    this.composition.provide(token, value);
  }

  /** An independent PRNG stream, a pure function of (seed, name). */
  random(name: string): Prng {
    return this.prng.derive(name);
  }

  spawn(name: string, body: ThreadBody, options?: KernelSpawnOptions): ThreadHandle {
    return this.kernel.spawn(name, body, options);
  }

  at(tick: number, fn: () => void, label?: string): Action {
    return this.kernel.at(tick, fn, label);
  }

  workload(spec: WorkloadSpec): WorkloadStats {
    return startWorkload(this.kernel, this.random(`workload:${spec.name ?? 'worker'}`), spec);
  }

  get now(): number {
    return this.kernel.now;
  }

  /** Events of the given types only. */
  select<T extends SimulationEvent['type']>(
    ...types: T[]
  ): Observable<Stamped<Extract<SimulationEvent, { type: T }>>> {
    const set = new Set<string>(types);
    return this.events$.pipe(
      filter((e): e is Stamped<Extract<SimulationEvent, { type: T }>> => set.has(e.type)),
    );
  }

  /**
   * A transaction, run in a thread body as `yield* sim.transaction(name,
   * function* (tx) { ... })`: its calls belong together (one version of each
   * object), its effects can be rolled back (then the body is retried), and
   * `tx.irrevocable(what)` marks an effect that cannot be.
   */
  transaction<T>(name: string, body: TransactionBody<T>, options?: TransactionOptions): Op<T> {
    return this.transactions.run(name, body, options);
  }

  interpose(ref: object, mediator: Mediator): MediatorHandle {
    return this.interposer.install(this.table.entryOf(ref, 'interpose'), mediator);
  }

  hotswap<Old, NewC extends Newable>(
    ref: ObjectRef<Old>,
    NewImpl: NewC,
    options: SwapOptions<Old, InstanceType<NewC>> = {},
  ): SwapHandle<InstanceType<NewC>> {
    return this.swapper.hotswap(this.table.entryOf(ref, 'hotswap'), NewImpl, options);
  }

  updateClass(Old: Newable, New: Newable, options: ClassUpdateOptions<any, any> = {}): ClassUpdate {
    return this.swapper.updateClass(Old, New, options);
  }

  swapTogether(
    pairs: readonly (readonly [object, Newable])[],
    options: SwapOptions<any, any> = {},
  ): SwapGroup {
    const entries = pairs.map(
      ([ref, cls]) => [this.table.entryOf(ref, 'swapTogether'), cls] as [TableEntry, Newable],
    );
    return this.swapper.swapTogether(entries, options);
  }

  /** End the run now with a correctness or liveness failure (checkers call this). */
  fail(outcome: RunOutcome, reason: string): void {
    this.failure ??= { outcome, reason };
    this.kernel.halt(reason);
  }

  /**
   * Run to the end. `slicer` (optional) runs the kernel in slices, so a
   * watchdog can stop a step that never ends (RunInterrupted: liveness).
   */
  run(options: { ticksMax?: number; slicer?: RunSlicer } = {}): RunResult {
    if (this.ran)
      throw new Error('Simulation.run: a simulation runs once; create a new one to run again');
    this.ran = true;
    const ticksMax = options.ticksMax ?? this.options.ticksMax;
    let outcome: RunOutcome = 'passed';
    let reason: string | undefined;
    try {
      const r = this.runKernel(ticksMax, options.slicer);
      if (this.failure) ({ outcome, reason } = this.failure);
      else if (r.outcome === 'ticks-max' || r.outcome === 'deadlock')
        [outcome, reason] = ['liveness', r.reason];
    } catch (e) {
      if (e instanceof RunInterrupted) return this.result('liveness', e.message);
      if (e instanceof LiveLimitError) {
        const f = this.failure ?? { outcome: 'liveness', reason: e.message };
        return this.result(f.outcome, f.reason);
      }
      outcome = 'crash';
      reason = isKernelPanic(e) ? e.message : describeCrash(e);
    }
    return this.result(outcome, reason);
  }

  /**
   * The result of a run stopped before it could end (a setup that never
   * returned): liveness, with the reason. The simulation is not usable after.
   */
  interruptedResult(reason: string): RunResult {
    this.ran = true;
    return this.result('liveness', reason);
  }

  private runKernel(ticksMax: number, slicer: RunSlicer | undefined): KernelRunResult {
    if (slicer === undefined) return this.kernel.run(ticksMax);
    let r: KernelRunResult | null = null;
    slicer((itemsMax) => (r = this.kernel.runSlice(ticksMax, itemsMax)) !== null);
    if (r === null) throw new Error('Simulation.run: the slicer returned before the run ended');
    return r;
  }

  private result(outcome: RunOutcome, reason: string | undefined): RunResult {
    const k = this.kernel;
    return {
      seed: this.options.seed,
      outcome,
      ticks: k.now,
      ...(reason === undefined ? {} : { reason }),
      eventsHash: this.hasher ? this.hasher.hex : 'off',
      events: this.bus.count,
      threads: {
        spawned: k.threadsSpawned,
        exited: k.threadsExited,
        failed: k.threadsFailed,
        alive: k.threads.size,
      },
    };
  }
}

/** A crash's reason: the stack of an Error, else a safe one-line description. */
function describeCrash(e: unknown): string {
  try {
    if (e instanceof Error) return e.stack ?? e.message;
  } catch {
    // a value whose prototype cannot be read: describeError says what it is
  }
  return describeError(e);
}

export function createSimulation(options: SimulationOptions = {}): Simulation {
  return new Simulation(options);
}
