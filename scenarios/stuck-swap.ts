/**
 * stuck-swap: a swap that cannot converge, and what the protocol does about
 * it: it times out, names the thread holding it up, rolls back, and loses
 * nothing.
 *
 * A journal object is called by short-lived writers, and by one long-running
 * 'compactor' thread that enters journal.compact() early and stays inside it
 * for 5,000 ticks. The swap requested at tick 50 waits in forward for a
 * quiescence marker: every thread alive at the request must finish, and the
 * compactor will not for a long time. With timeoutTicks 600 the swap aborts:
 * the hot-swap mediator leaves, calls held (if any) are released to the old
 * journal, and the swap reports its blockers: the compactor, inside
 * journal.compact since tick ~1. Every append still lands exactly once.
 *
 * Run: `kernel-sim scenario stuck-swap.ts [--seed N] [--report stuck.html]`
 */
import {
  compute,
  defineScenario,
  sleep,
  SWAP_STOPPING_FAULTS,
  type ObjectRef,
  type Op,
  type Swap,
} from 'kernel-sim';

class Journal {
  protected lines: string[] = [];
  *append(line: string): Op<number> {
    yield* compute(2);
    this.lines.push(line);
    return this.lines.length;
  }
  *compact(ticks: number): Op<void> {
    for (let done = 0; done < ticks; done += 50) yield* compute(50);
  }
  length(): number {
    return this.lines.length;
  }
  exportFormats(): readonly string[] {
    return ['lines'];
  }
  exportState(): string[] {
    return [...this.lines];
  }
  importFormats(): readonly string[] {
    return ['lines'];
  }
  importState(_f: string, state: unknown): void {
    this.lines = [...(state as string[])];
  }
}
class JournalV2 extends Journal {}

const WRITERS = 60;

interface Ctx {
  readonly journal: ObjectRef<Journal>;
  readonly swap: { handle: Swap | null };
  /** Appends that returned (under faults some never do). */
  readonly done: { appends: number };
}

export default defineScenario<Ctx>({
  name: 'stuck-swap',
  description:
    'a long-running thread inside the object: the swap times out, names the blocker, rolls back, loses nothing',
  options: { cpus: 2, quantumTicks: 10, ticksMax: 50_000 },
  setup(sim) {
    const journal = sim.objects.createNamed('journal', Journal);
    const ctx: Ctx = { journal, swap: { handle: null }, done: { appends: 0 } };
    sim.spawn('compactor', function* () {
      yield* journal.compact(5000);
    });
    sim.workload({
      name: 'writer',
      threads: WRITERS,
      meanGapTicks: 15,
      lifetime: { kind: 'fixed', ticks: 1 },
      body: function* ({ index, prng }): Op<void> {
        yield* sleep(prng.int(0, 5));
        yield* journal.append(`entry ${index}`);
        ctx.done.appends++;
      },
    });
    sim.at(
      50,
      () => (ctx.swap.handle = sim.hotswap(journal, JournalV2, { timeoutTicks: 600 })),
      'swap the journal',
    );
    return ctx;
  },
  // Under faults: the rollback on timeout needs the compactor alive inside compact() and no
  // swap-stopping fault (a cancel or a throwing transfer rolls back first); the journal keeps
  // every append that returned whatever fired.
  faultAware: true,
  expect(_result, sim, ctx, info) {
    if (info.fired('destroy-during-swap')) return; // the journal itself is gone
    const appends = info.faulted ? ctx.done.appends : WRITERS;
    if (ctx.journal.length() !== appends)
      throw new Error(
        `journal has ${ctx.journal.length()} lines, expected ${appends}: an append was lost or doubled`,
      );
    const swap = ctx.swap.handle;
    const compactorStopped = info.threadsFaulted.some((f) => f.name === 'compactor');
    if (compactorStopped || SWAP_STOPPING_FAULTS.some((site) => info.fired(site))) return;
    if (swap?.outcome !== 'aborted')
      throw new Error(`the swap should have timed out and rolled back, but it is ${swap?.outcome}`);
    if (!/^timeout: .*'compactor'.*inside journal\.compact/.test(swap.reason))
      throw new Error(
        `the reason should name the compactor inside journal.compact: ${swap.reason}`,
      );
    if (
      sim.objects.info(ctx.journal).class !== 'Journal' ||
      sim.objects.info(ctx.journal).version !== 1
    )
      throw new Error('the old journal must still serve');
  },
  summary(_result, _sim, ctx) {
    return [`swap ${ctx.swap.handle?.outcome}: ${ctx.swap.handle?.reason}`];
  },
});
