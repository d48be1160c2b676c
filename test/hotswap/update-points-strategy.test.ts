/**
 * update-points (Ginseng): the swap applies only at an update point
 * (`yield* updatePoint()`, or a thread's exit) where no live frame uses a
 * changed type concretely. A hand-checked case: which points are refused,
 * naming which frames and types, and where the update applies. Also: a
 * frame of an unrelated type never blocks; a malformed `uses` rolls the swap
 * back naming the class; with no safe point the timeout rolls back and
 * names the blocker; no torn call on 20 seeds of a loaded case.
 */
import { describe, expect, test } from 'vitest';
import {
  attachCheckers,
  compute,
  createSimulation,
  sleep,
  updatePoint,
  type Op,
  type SimulationEvent,
} from 'kernel-sim';
import { describeUnsafeFrame, usesOf } from '../../src/hotswap/index.ts';

class Handler {
  served = 0;
  *serve(ticks: number): Op<number> {
    yield* sleep(ticks);
    return ++this.served;
  }
  exportFormats(): readonly string[] {
    return ['served'];
  }
  exportState(): number {
    return this.served;
  }
  importFormats(): readonly string[] {
    return ['served'];
  }
  importState(_f: string, s: unknown): void {
    this.served = s as number;
  }
}
class HandlerV2 extends Handler {}

/** summarize reads Handler's representation (declared); tally uses no changed type. */
class Stats {
  static uses = { summarize: ['Handler'] };
  *summarize(ticks: number): Op<void> {
    yield* sleep(ticks);
  }
  *tally(ticks: number): Op<void> {
    yield* sleep(ticks);
  }
}

type PointEvent = Extract<SimulationEvent, { type: 'swap.update-point' }>;

/**
 * tick 0: client enters handler.serve (30 ticks), reporter enters
 * stats.summarize (60), tallier enters stats.tally (300); the daemon reaches
 * update points at about 10, 40, 70, 100. The swap is requested at tick 5.
 */
function handChecked(uses?: unknown) {
  const sim = createSimulation({ seed: 1, cpus: 4 });
  if (uses !== undefined) (Stats as { uses: unknown }).uses = uses;
  const handler = sim.objects.createNamed('handler', Handler);
  const stats = sim.objects.createNamed('stats', Stats);
  const points: PointEvent[] = [];
  sim.events$.subscribe((e) => {
    if (e.type === 'swap.update-point') points.push(e);
  });
  const ids: Record<string, number> = {};
  ids.client = sim.spawn('client', function* () {
    yield* handler.serve(30);
  }).id;
  ids.reporter = sim.spawn('reporter', function* () {
    yield* stats.summarize(60);
  }).id;
  ids.tallier = sim.spawn('tallier', function* () {
    yield* stats.tally(300);
  }).id;
  ids.daemon = sim.spawn('daemon', function* () {
    for (let i = 0; i < 4; i++) {
      yield* sleep(8);
      yield* updatePoint();
      yield* compute(20);
    }
  }).id;
  const swap = { handle: null as ReturnType<typeof sim.hotswap> | null };
  sim.at(5, () => (swap.handle = sim.hotswap(handler, HandlerV2, { strategy: 'update-points' })));
  const checks = attachCheckers(sim);
  const r = sim.run();
  (Stats as { uses: unknown }).uses = { summarize: ['Handler'] };
  return { r, swap: swap.handle!, points, ids, checks, handler, sim };
}

describe('update-points: the safety check (hand-checked)', () => {
  test('usesOf: the own class always, then the declared types', () => {
    expect(usesOf(Stats, 'summarize')).toEqual(['Stats', 'Handler']);
    expect(usesOf(Stats, 'tally')).toEqual(['Stats']);
    expect(usesOf(Handler, 'serve')).toEqual(['Handler']);
  });

  test('refuses exactly the points where a frame uses Handler, applies at the first safe one', () => {
    const { r, swap, points, ids, checks } = handChecked();
    expect(r.outcome).toBe('passed');
    expect(swap.outcome).toBe('completed');
    expect(swap.strategy.name).toBe('update-points');
    const seen = points.map((p) => ({
      thread: p.thread,
      point: p.point,
      safe: p.safe,
      unsafe: p.unsafe.map((f) => `${f.thread} ${f.object}.${f.method} ${f.type}`),
    }));
    const client = `${ids.client} handler.serve Handler`;
    const reporter = `${ids.reporter} stats.summarize Handler`;
    // ~10: daemon, client and reporter inside; ~31: client exits, reporter
    // still inside; ~40: daemon, reporter; ~61: reporter exits: safe, the
    // update applies there (tallier's frame, stats.tally, never counts).
    expect(seen).toEqual([
      { thread: ids.daemon, point: 'point', safe: false, unsafe: [client, reporter] },
      { thread: ids.client, point: 'exit', safe: false, unsafe: [reporter] },
      { thread: ids.daemon, point: 'point', safe: false, unsafe: [reporter] },
      { thread: ids.reporter, point: 'exit', safe: true, unsafe: [] },
    ]);
    expect(swap.updatePointsRefused).toBe(3);
    expect(swap.updatePointThread).toBe(ids.reporter);
    expect(points[0].reason).toContain(
      `thread ${ids.reporter} 'reporter' is inside stats.summarize`,
    );
    expect(points[0].reason).toContain('uses Handler concretely (declared in Stats.uses)');
    expect(points[0].reason).toContain('uses Handler concretely (its own class)');
    expect(checks.report().violations).toEqual([]);
  });

  test('without the declaration, summarize does not block: the update applies when the client leaves', () => {
    const { swap, points, ids } = handChecked({});
    expect(swap.outcome).toBe('completed');
    expect(points.map((p) => [p.thread, p.safe])).toEqual([
      [ids.daemon, false],
      [ids.client, true],
    ]);
  });

  test('a malformed uses declaration rolls the swap back naming the class', () => {
    const { swap, handler, r } = handChecked({ summarize: 'Handler' });
    expect(r.outcome).toBe('passed');
    expect(swap.outcome).toBe('aborted');
    expect(swap.reason).toMatch(
      /update-point safety check failed: .*Stats\.uses\.summarize must be an array/,
    );
    expect(handler.serve).toBeTypeOf('function');
  });

  test('describeUnsafeFrame names thread, frame, call and type', () => {
    expect(
      describeUnsafeFrame({
        thread: 3,
        threadName: 'r',
        call: 12,
        object: 'stats',
        method: 'summarize',
        sinceTick: 40,
        type: 'Handler',
        declaredBy: 'Stats',
      }),
    ).toBe(
      "thread 3 'r' is inside stats.summarize (call 12, since tick 40), which uses Handler concretely (declared in Stats.uses)",
    );
  });
});

describe('update-points: waiting and safety under load', () => {
  test('an idle machine is at an update point: a swap with no thread alive applies at once', () => {
    const sim = createSimulation({ seed: 1, cpus: 2 });
    const handler = sim.objects.createNamed('handler', Handler);
    sim.spawn('early', function* () {
      yield* handler.serve(3);
    });
    const swap = { handle: null as ReturnType<typeof sim.hotswap> | null };
    sim.at(50, () => {
      swap.handle = sim.hotswap(handler, HandlerV2, { strategy: 'update-points' });
    });
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed'); // before the fix: liveness, nothing left to reach a point
    expect(swap.handle!.outcome).toBe('completed');
    expect(swap.handle!.updatePointsRefused).toBe(0);
  });

  test('with no safe point the timeout rolls back and names the thread inside', () => {
    const sim = createSimulation({ seed: 2, cpus: 2 });
    const handler = sim.objects.createNamed('handler', Handler);
    sim.spawn('hog', function* () {
      yield* handler.serve(2000);
    });
    sim.spawn('daemon', function* () {
      for (let i = 0; i < 20; i++) {
        yield* sleep(20);
        yield* updatePoint();
      }
    });
    const swap = { handle: null as ReturnType<typeof sim.hotswap> | null };
    sim.at(5, () => {
      swap.handle = sim.hotswap(handler, HandlerV2, {
        strategy: 'update-points',
        timeoutTicks: 300,
      });
    });
    sim.run();
    expect(swap.handle!.outcome).toBe('aborted');
    expect(swap.handle!.reason).toMatch(
      /timeout: .*in forward.*thread \d+ 'hog' .*inside handler\.serve/,
    );
    expect(swap.handle!.updatePointsRefused).toBeGreaterThan(5);
  });

  test('no torn call and no lost serve on 20 seeds of clients racing the swap', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const sim = createSimulation({ seed, cpus: 2, schedule: 'random' });
      const handler = sim.objects.createNamed('handler', Handler);
      for (let i = 0; i < 6; i++)
        sim.spawn(`c${i}`, function* () {
          for (let j = 0; j < 5; j++) {
            yield* handler.serve(3 + ((i + j) % 4));
            yield* updatePoint();
          }
        });
      const swap = { handle: null as ReturnType<typeof sim.hotswap> | null };
      sim.at(7 + seed, () => {
        swap.handle = sim.hotswap(handler, HandlerV2, { strategy: 'update-points' });
      });
      const checks = attachCheckers(sim);
      sim.run();
      expect(swap.handle!.outcome, `seed ${seed}`).toBe('completed');
      expect(checks.report().violations, `seed ${seed}`).toEqual([]);
      expect(sim.objects.peek(handler).served, `seed ${seed}`).toBe(30);
    }
  });
});
