/**
 * class-update: every live instance of a class hot-swapped at once (K42
 * Factory::Update), and new creations of the old class directed to the new.
 *
 * Twelve per-process 'page table' objects of class PageTableV1 serve
 * short-lived threads. At tick 80, `sim.updateClass(PageTableV1,
 * PageTableV2)` starts one swap per live instance; the swaps overlap (each
 * is asynchronous, as K42's switchCObj). Objects created after the update
 * began are built as PageTableV2 straight away. The update reports one
 * outcome per instance and one overall.
 *
 * Run: `kernel-sim scenario class-update.ts [--seed N]`
 */
import {
  compute,
  defineScenario,
  SWAP_STOPPING_FAULTS,
  type ClassUpdate,
  type ObjectRef,
  type Op,
} from 'kernel-sim';

class PageTableV1 {
  protected pages = new Map<number, number>();
  *map(page: number, frame: number): Op<void> {
    yield* compute(2);
    this.pages.set(page, frame);
  }
  lookup(page: number): number | undefined {
    return this.pages.get(page);
  }
  mapped(): number {
    return this.pages.size;
  }
  exportFormats(): readonly string[] {
    return ['page-map'];
  }
  exportState(): [number, number][] {
    return [...this.pages];
  }
  importFormats(): readonly string[] {
    return ['page-map'];
  }
  importState(_f: string, state: unknown): void {
    this.pages = new Map(state as [number, number][]);
  }
}

/** V2: same interface and state, a different implementation (a sorted array would do; here a fresh Map). */
class PageTableV2 extends PageTableV1 {
  override lookup(page: number): number | undefined {
    return this.pages.has(page) ? this.pages.get(page) : undefined;
  }
}

const TABLES = 12;

interface Ctx {
  readonly tables: ObjectRef<PageTableV1>[];
  readonly update: { handle: ClassUpdate | null };
  readonly late: { ref: ObjectRef<PageTableV1> | null };
  readonly mapped: Map<number, number>;
}

export default defineScenario<Ctx>({
  name: 'class-update',
  description:
    'every live instance of a class swapped at once (K42 Factory::Update); new creations go to the new class',
  options: { cpus: 2, quantumTicks: 5, ticksMax: 50_000 },
  setup(sim) {
    const tables = Array.from({ length: TABLES }, (_, i) =>
      sim.objects.createNamed(`pt-${i}`, PageTableV1),
    );
    const ctx: Ctx = { tables, update: { handle: null }, late: { ref: null }, mapped: new Map() };
    sim.workload({
      name: 'mapper',
      threads: 100,
      meanGapTicks: 2,
      lifetime: { kind: 'fixed', ticks: 2 },
      body: function* ({ index, lifetimeTicks }): Op<void> {
        const t = index % TABLES;
        for (let i = 0; i < lifetimeTicks; i++) {
          yield* tables[t].map(index * 10 + i, index);
          ctx.mapped.set(t, (ctx.mapped.get(t) ?? 0) + 1);
        }
      },
    });
    sim.at(
      80,
      () => {
        ctx.update.handle = sim.updateClass(PageTableV1, PageTableV2, { timeoutTicks: 10_000 });
        ctx.late.ref = sim.objects.createNamed('pt-late', PageTableV1);
      },
      'update the class',
    );
    return ctx;
  },
  // Under faults: a swap-stopping fault may roll an object's swap back (the update is then
  // partial), so the classes are checked only when none fired; a table keeps every map that
  // returned whatever fired (a destroyed one is skipped).
  faultAware: true,
  expect(_result, sim, ctx, info) {
    for (const [i, t] of ctx.tables.entries()) {
      if (sim.objects.info(t).state !== 'live') continue;
      if (t.mapped() !== (ctx.mapped.get(i) ?? 0))
        throw new Error(`pt-${i} maps ${t.mapped()} pages, expected ${ctx.mapped.get(i) ?? 0}`);
    }
    if (SWAP_STOPPING_FAULTS.some((site) => info.fired(site))) return;
    const u = ctx.update.handle;
    if (u?.outcome !== 'completed')
      throw new Error(`class update ${u?.outcome}: ${JSON.stringify(u?.instances)}`);
    if (u.swaps.length !== TABLES)
      throw new Error(`expected ${TABLES} swaps, got ${u.swaps.length}`);
    for (const [i, t] of ctx.tables.entries())
      if (sim.objects.info(t).class !== 'PageTableV2')
        throw new Error(`pt-${i} is still ${sim.objects.info(t).class}`);
    if (sim.objects.info(ctx.late.ref!).class !== 'PageTableV2')
      throw new Error('an object created after the update began should be PageTableV2');
    if (sim.objects.instances(PageTableV1).length !== 0)
      throw new Error('the old factory should have no live instances left');
  },
  summary(_result, _sim, ctx) {
    const u = ctx.update.handle!;
    const held = u.swaps.reduce((n, s) => n + s.held, 0);
    return [
      `class update ${u.from} -> ${u.to}: ${u.outcome}, ${u.swaps.length} instances, ${held} calls held in all`,
    ];
  },
});
