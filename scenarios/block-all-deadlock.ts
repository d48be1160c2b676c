/**
 * block-all-deadlock: why K42 forwards recursive calls instead of holding
 * them. Walkers traverse a directory tree whose walk() recurses through the
 * object's own ref, so a walker inside the tree calls it again. At tick 3
 * the tree is hot-swapped while walkers are inside.
 *
 * Under the default strategy (quiescence, K42) the recursive calls are
 * forwarded and tracked, the walks drain and the swap completes. Under
 * `--strategy block-all` every call is held, recursive ones too: a walker
 * inside the tree is held on its next step down, and the swap waits for that
 * walker to leave: a deadlock. The swap sees it when it holds the call and
 * rolls back with the cycle as its reason ("deadlock: thread N 'walker-k'
 * calls tree.walk while inside tree.walk ..."); the old tree keeps serving
 * and every walk finishes. The expectation asserts the outcome each
 * strategy should have.
 *
 * Run: `kernel-sim scenario block-all-deadlock.ts --strategy block-all`
 */
import { compute, defineScenario, SWAP_STOPPING_FAULTS, type Op, type Swap } from 'kernel-sim';

/** The tree's own ref, as callers see it (a walk step goes through the table). */
interface Walkable {
  walk(depth: number): Op<number>;
}

class DirTree {
  self: Walkable | null = null;
  visits = 0;
  *walk(depth: number): Op<number> {
    this.visits++;
    yield* compute(2);
    if (depth > 0 && this.self !== null) yield* this.self.walk(depth - 1);
    return this.visits;
  }
}
class DirTreeV2 extends DirTree {}

const WALKERS = 3;
const DEPTH = 6;

interface Ctx {
  readonly swap: { handle: Swap | null };
  readonly done: { walks: number };
}

export default defineScenario<Ctx>({
  name: 'block-all-deadlock',
  description:
    'a recursive walk during a swap: quiescence forwards the recursion and completes, block-all holds it and must roll back',
  options: { cpus: 2, quantumTicks: 10, ticksMax: 20_000 },
  setup(sim) {
    const tree = sim.objects.createNamed('tree', DirTree);
    sim.objects.peek(tree).self = tree;
    const ctx: Ctx = { swap: { handle: null }, done: { walks: 0 } };
    for (let i = 0; i < WALKERS; i++)
      sim.spawn(`walker-${i}`, function* () {
        yield* tree.walk(DEPTH);
        ctx.done.walks++;
      });
    sim.at(3, () => (ctx.swap.handle = sim.hotswap(tree, DirTreeV2)), 'swap the tree');
    return ctx;
  },
  // Under faults: a walker an injected fault stopped is a failed thread, not a lost one; a
  // swap-stopping fault decides the swap's outcome itself (cancel, a throwing transfer).
  faultAware: true,
  expect(_result, _sim, ctx, info) {
    const swap = ctx.swap.handle;
    if (swap === null) throw new Error('the swap was never requested');
    const stopped = info.failedThreads.filter((f) => f.name.startsWith('walker-')).length;
    if (ctx.done.walks + stopped !== WALKERS)
      throw new Error(
        `${ctx.done.walks} of ${WALKERS} walks finished (${stopped} stopped by a fault): a walker was lost`,
      );
    if (SWAP_STOPPING_FAULTS.some((site) => info.fired(site))) return;
    if (swap.strategy.name === 'block-all') {
      if (swap.outcome !== 'aborted' || !/^deadlock: thread \d+ 'walker-\d'/.test(swap.reason))
        throw new Error(
          `under block-all the swap should roll back naming the deadlock, but it is ${swap.outcome}: ${swap.reason}`,
        );
    } else if (swap.outcome !== 'completed') {
      throw new Error(`the swap should complete, but it is ${swap.outcome}: ${swap.reason}`);
    }
  },
  summary(_result, _sim, ctx) {
    const s = ctx.swap.handle;
    return [`strategy ${s?.strategy.name}: swap ${s?.outcome}${s?.reason ? ` (${s.reason})` : ''}`];
  },
});
