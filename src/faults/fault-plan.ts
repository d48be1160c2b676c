/**
 * FaultPlan: the seeded faults of one run (FoundationDB BUGGIFY in the
 * simulator). Built from the simulation's 'faults' PRNG stream, it decides
 * once which sites are active, then `install(sim)` wraps what the scenario
 * does so the active sites can fire:
 *
 *   sim.objects.create / createNamed  each new object gets a FaultMediator
 *                                     (sites call-throws, mediator-throws)
 *   sim.swapper.swapTogether          every swap (hotswap, swapTogether,
 *                                     updateClass all pass through it) gets
 *                                     the transfer faults and the faults
 *                                     around a running swap
 *   sim.at                            the never-exiting thread appears
 *
 * Install before the scenario's setup (runScenario's `attach`). The plan
 * takes no decision from events; each firing is written to `log`.
 *
 * Invariant: whatever fires, the system keeps running and nothing is lost:
 * the checkers pass, and the fault shows as the outcome it is (a refused or
 * aborted swap, a failed thread, a call that exited with an error).
 */
import type { Prng } from '../kernel/index.ts';
import type { Swap, SwapOptions } from '../hotswap/index.ts';
import type { Simulation } from '../simulation/index.ts';
import { FaultMediator } from './fault-mediator.ts';
import { FAULT_SITES, FaultSite, type FaultSiteName } from './fault-site.ts';
import { mentionsInjectedFault } from './injected-fault.ts';
import { spawnNeverExiting } from './never-exiting-thread.ts';
import { scheduleSwapFaults, type SwapFaultContext, type SwapPairs } from './swap-faults.ts';
import { withTransferFaults } from './transfer-faults.ts';

export interface FaultOptions {
  /** Sites that may be activated (default all of FAULT_SITES). */
  readonly sites?: readonly FaultSiteName[];
  /** Sites active in every run, whatever the draw (for tests). */
  readonly force?: readonly FaultSiteName[];
  /** Chance a site is active in a run. Default 0.5. */
  readonly activateChance?: number;
  /** Chance an active site fires when reached, per site (defaults in DEFAULT_FIRE_CHANCE). */
  readonly fireChance?: Partial<Record<FaultSiteName, number>>;
  /** Ticks after a swap request (or the start) within which a timed fault acts. Default 60. */
  readonly windowTicks?: number;
  /** How long the never-exiting thread loops. Default min(2000, ticksMax / 4). */
  readonly loopTicks?: number;
}

export const DEFAULT_FIRE_CHANCE: Readonly<Record<FaultSiteName, number>> = {
  'call-throws': 0.02,
  'thread-never-exits': 1,
  'transfer-throws': 0.5,
  'import-throws-halfway': 0.5,
  'mediator-throws': 0.03,
  'swap-cancel': 0.5,
  'swap-during-swap': 0.5,
  'destroy-during-swap': 0.3,
};

export interface FaultRecord {
  readonly site: FaultSiteName;
  readonly tick: number;
  readonly detail: string;
}

export class FaultPlan {
  readonly sites: Readonly<Record<FaultSiteName, FaultSite>>;
  readonly log: FaultRecord[] = [];
  private installed = false;

  constructor(
    prng: Prng,
    private readonly options: FaultOptions = {},
  ) {
    const allowed = new Set(options.sites ?? FAULT_SITES);
    const forced = new Set(options.force ?? []);
    const activate = options.activateChance ?? 0.5;
    for (const n of [...allowed, ...forced]) {
      if (!FAULT_SITES.includes(n))
        throw new RangeError(
          `faults: unknown site '${String(n)}'; the sites are ${FAULT_SITES.join(', ')}`,
        );
    }
    const entries = FAULT_SITES.map((name) => {
      const chance = forced.has(name) ? 1 : allowed.has(name) ? activate : 0;
      return [
        name,
        new FaultSite(
          name,
          prng.derive(name),
          chance,
          options.fireChance?.[name] ?? DEFAULT_FIRE_CHANCE[name],
        ),
      ] as const;
    });
    this.sites = Object.fromEntries(entries) as Record<FaultSiteName, FaultSite>;
  }

  /** Names of the sites active in this run. */
  get active(): FaultSiteName[] {
    return FAULT_SITES.filter((n) => this.sites[n].active);
  }

  /** The sites that fired in this run: logged firings, then sites that only count theirs (repeats allowed). */
  sitesFired(): FaultSiteName[] {
    return [...this.log.map((r) => r.site), ...this.active.filter((s) => this.sites[s].fired > 0)];
  }

  /** Is `error` (a thread's failure) this plan's doing: an injected fault, also wrapped (a MediatorError), or a stale ref after destroy-during-swap fired? */
  caused(error: string): boolean {
    if (mentionsInjectedFault(error) || /fault '[a-z-]+' injected/.test(error)) return true;
    return error.includes('StaleRefError') && this.sitesFired().includes('destroy-during-swap');
  }

  install(sim: Simulation): this {
    if (this.installed)
      throw new Error('FaultPlan.install: a plan serves one simulation; make a new plan per run');
    this.installed = true;
    this.wrapObjects(sim);
    this.wrapSwaps(sim);
    const window = this.options.windowTicks ?? 60;
    const loop =
      this.options.loopTicks ?? Math.max(1, Math.min(2000, Math.floor(sim.options.ticksMax / 4)));
    spawnNeverExiting(sim, this.sites['thread-never-exits'], window, loop, (s, d) =>
      this.note(sim, s, d),
    );
    return this;
  }

  private note(sim: Simulation, site: FaultSite, detail: string): void {
    this.log.push({ site: site.name, tick: sim.now, detail });
  }

  private wrapObjects(sim: Simulation): void {
    const s = this.sites;
    if (!s['call-throws'].active && !s['mediator-throws'].active) return;
    const mediator = new FaultMediator(s['mediator-throws'], s['call-throws']);
    const objects = sim.objects;
    const create = objects.create.bind(objects);
    const createNamed = objects.createNamed.bind(objects);
    objects.create = ((cls: never, ...args: unknown[]) => {
      const ref = create(cls, ...args);
      sim.interpose(ref, mediator);
      return ref;
    }) as typeof objects.create;
    objects.createNamed = ((name: string, cls: never, ...args: unknown[]) => {
      const ref = createNamed(name, cls, ...args);
      sim.interpose(ref, mediator);
      return ref;
    }) as typeof objects.createNamed;
  }

  private wrapSwaps(sim: Simulation): void {
    const s = this.sites;
    const swapper = sim.swapper;
    const start = swapper.swapTogether.bind(swapper);
    const note = (site: FaultSite, detail: string): void => this.note(sim, site, detail);
    const ctx: SwapFaultContext = {
      sim,
      start,
      sites: {
        cancel: s['swap-cancel'],
        during: s['swap-during-swap'],
        destroy: s['destroy-during-swap'],
      },
      windowTicks: this.options.windowTicks ?? 60,
      note,
    };
    swapper.swapTogether = (pairs: SwapPairs, options: SwapOptions): Swap => {
      let swap: Swap | null = null;
      swap = start(
        pairs,
        withTransferFaults(
          options,
          () => swap,
          { throws: s['transfer-throws'], halfway: s['import-throws-halfway'] },
          note,
        ),
      );
      scheduleSwapFaults(ctx, swap, pairs, options);
      return swap;
    };
  }

  /** One line per active site: how often it fired. */
  summary(): string[] {
    return this.active.map((n) => `${n}: fired ${this.sites[n].fired} time(s)`);
  }
}

/** A plan from the simulation's 'faults' stream, installed on it. */
export function installFaults(sim: Simulation, options: FaultOptions = {}): FaultPlan {
  return new FaultPlan(sim.random('faults'), options).install(sim);
}
