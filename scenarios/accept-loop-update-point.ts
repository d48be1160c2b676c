/**
 * accept-loop-update-point: Ginseng's update points on a daemon. A 'daemon'
 * thread runs an accept loop with `yield* updatePoint()` at its head (as
 * Ginseng's loop extraction puts one at a long-running loop's head): accept
 * a request from the inbox, handle it in the handler, go round. An
 * 'auditor' thread spends long stretches inside `audit.inspect`, which
 * declares that it uses the Handler type concretely (`static uses`); a
 * 'producer' posts the requests. The handler is hot-swapped at tick 20.
 *
 * The scenario's default strategy is update-points: the daemon's update
 * points are refused while the auditor is inside audit.inspect (each refusal
 * names that frame and the type Handler), and the update applies at the
 * first daemon update point after the auditor has left, in the accept
 * loop's head, where no frame uses Handler. Every request is handled exactly
 * once, and the handler's log moves to the new version intact. Under any
 * other strategy (`--strategy quiescence`, `block-all`) the swap completes
 * and no request is lost either; under `naive` the swap may tear a handle
 * call (the checkers name it), which is that strategy's lesson.
 *
 * Run: `kernel-sim scenario accept-loop-update-point.ts --report update-points.html`
 */
import {
  block,
  compute,
  defineScenario,
  sleep,
  updatePoint,
  wake,
  WaitQueue,
  type ObjectRef,
  type Op,
  type SimulationEvent,
  type Swap,
  SWAP_STOPPING_FAULTS,
} from 'kernel-sim';

/** The daemon's inbox: accept blocks until a request (or null when closed). */
class Inbox {
  private readonly q = new WaitQueue('inbox');
  private readonly pending: number[] = [];
  private closed = false;
  *post(request: number | null): Op<void> {
    if (request === null) this.closed = true;
    else this.pending.push(request);
    yield* wake(this.q);
  }
  *accept(): Op<number | null> {
    while (this.pending.length === 0 && !this.closed) yield* block(this.q);
    return this.pending.shift() ?? null;
  }
}

class Handler {
  protected log: number[] = [];
  *handle(request: number): Op<void> {
    yield* compute(4);
    this.log = [...this.log, request];
  }
  handled(): readonly number[] {
    return this.log;
  }
  exportFormats(): readonly string[] {
    return ['log'];
  }
  exportState(): number[] {
    return [...this.log];
  }
  importFormats(): readonly string[] {
    return ['log'];
  }
  importState(_f: string, state: unknown): void {
    this.log = [...(state as number[])];
  }
}
class HandlerV2 extends Handler {}

/** inspect reads the handler's log in its concrete format: it uses Handler concretely. */
class Audit {
  static uses = { inspect: ['Handler'] };
  *inspect(ticks: number): Op<void> {
    yield* compute(ticks);
  }
}

const REQUESTS = 30;
const AUDIT_TICKS = 60;

type PointEvent = Extract<SimulationEvent, { type: 'swap.update-point' }>;

interface Ctx {
  readonly handler: ObjectRef<Handler>;
  readonly swap: { handle: Swap | null };
  readonly daemon: { id: number };
  readonly points: PointEvent[];
}

export default defineScenario<Ctx>({
  name: 'accept-loop-update-point',
  description:
    "a daemon's accept loop with an update point at its head: the update is refused while the auditor is inside audit.inspect (uses Handler) and applies at the first safe point of the loop; no request lost",
  options: { cpus: 2, quantumTicks: 10, ticksMax: 20_000, swapStrategy: 'update-points' },
  setup(sim) {
    const inbox = sim.objects.createNamed('inbox', Inbox);
    const handler = sim.objects.createNamed('handler', Handler);
    const audit = sim.objects.createNamed('audit', Audit);
    const ctx: Ctx = { handler, swap: { handle: null }, daemon: { id: -1 }, points: [] };
    sim.events$.subscribe((e) => {
      if (e.type === 'swap.update-point') ctx.points.push(e);
    });
    // Bounded loops that survive an injected fault (check --faults): a call
    // that throws is skipped, and the inbox is always closed at the end.
    ctx.daemon.id = sim.spawn('daemon', function* () {
      for (let i = 0; i < 3 * REQUESTS; i++) {
        yield* updatePoint();
        try {
          const request = yield* inbox.accept();
          if (request === null) return;
          yield* handler.handle(request);
        } catch {
          continue;
        }
      }
    }).id;
    sim.spawn('auditor', function* () {
      yield* audit.inspect(AUDIT_TICKS);
      yield* sleep(200);
      yield* audit.inspect(AUDIT_TICKS);
    });
    sim.spawn('producer', function* () {
      for (let i = 1; i <= REQUESTS + 3; i++) {
        yield* sleep(6);
        try {
          yield* inbox.post(i > REQUESTS ? null : i);
          if (i > REQUESTS) return;
        } catch {
          continue;
        }
      }
    });
    sim.at(20, () => (ctx.swap.handle = sim.hotswap(handler, HandlerV2)), 'swap the handler');
    return ctx;
  },
  // Under faults: a swap-stopping fault may roll the swap back; an injected fault may drop a
  // request (a post or a handle that threw is skipped), so the log is checked for what no fault
  // excuses: no request handled twice or out of order. The update-point claims need a clean run.
  faultAware: true,
  expect(_result, _sim, ctx, info) {
    const swap = ctx.swap.handle;
    const stopped = SWAP_STOPPING_FAULTS.some((site) => info.fired(site));
    if (swap?.outcome !== 'completed' && !stopped)
      throw new Error(`the swap should complete, but it is ${swap?.outcome}: ${swap?.reason}`);
    if (info.fired('destroy-during-swap')) return; // the handler itself is gone
    const log = ctx.handler.handled();
    const want = Array.from({ length: REQUESTS }, (_, i) => i + 1).join();
    if (swap?.strategy.name === 'naive') return;
    if (info.faulted) {
      if (log.some((r, i) => i > 0 && r <= log[i - 1]))
        throw new Error(`handled ${log.join()}: a request doubled or out of order`);
      return;
    }
    if (swap?.outcome !== 'completed') return;
    if (log.join() !== want)
      throw new Error(
        `handled ${log.length} of ${REQUESTS} requests (${log.join()}): one was lost or doubled`,
      );
    if (swap.strategy.name !== 'update-points') return;
    const refused = ctx.points.filter((p) => !p.safe);
    const applied = ctx.points.filter((p) => p.safe);
    if (refused.length === 0)
      throw new Error('the update should be refused while the auditor is inside audit.inspect');
    for (const p of refused)
      if (
        !p.unsafe.some(
          (f) => f.object === 'audit' && f.method === 'inspect' && f.type === 'Handler',
        )
      )
        throw new Error(`a refusal should name audit.inspect using Handler: ${p.reason}`);
    if (applied.length !== 1 || ctx.points.at(-1) !== applied[0])
      throw new Error(
        `the update should apply once, at the last point seen, got ${applied.length}`,
      );
    if (applied[0].thread !== ctx.daemon.id || applied[0].point !== 'point')
      throw new Error(
        `the update should apply at the daemon's accept-loop update point, but applied at thread ${applied[0].thread} (${applied[0].point})`,
      );
  },
  summary(_result, _sim, ctx) {
    const s = ctx.swap.handle;
    const refused = ctx.points.filter((p) => !p.safe).length;
    return [
      `strategy ${s?.strategy.name}: swap ${s?.outcome}; ${refused} update point(s) refused; ${ctx.handler.handled().length} requests handled`,
    ];
  },
});
