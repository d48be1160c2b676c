/**
 * Reused call records (src/translation-table/op-call.ts, "Reuse"): a
 * generator call that returned, and that nothing outside the table saw, is
 * the object the table's next generator call returns; a record something
 * did see (a mediator, the transactions' journal, a reader of
 * `thread.calls`) is kept as it is, and so is one that failed or was cut
 * short with return().
 */
import { describe, expect, test } from 'vitest';
import {
  Call,
  compute,
  createSimulation,
  ForwardingMediator,
  type ForwardOp,
  type Op,
  type Simulation,
} from 'kernel-sim';
import { OP_POOL_MAX } from '../../src/translation-table/call-records.ts';
import { threadBlockers, unsafeFrames } from '../../src/hotswap/index.ts';
import { oldCallThreads } from '../../src/hotswap/old-call-threads.ts';
import { recordOf } from './record-of.ts';

const FRESH = {
  kind: 'op',
  id: 0,
  threadName: '',
  cpu: 0,
  thread: -1,
  reached: 0,
  version: 0,
  impl: '',
  result: undefined,
  error: undefined,
  tickEntered: 0,
  tickExited: -1,
  stats: null,
};

/** The frames a method saw on its own thread's stack (read through `calls`, which keeps them). */
let framesSeen: unknown[] = [];

class Worker {
  readFrames = false;
  /** Called inside each call, before its compute (a reader of the stack under test). */
  probe: (() => void) | null = null;
  *work(n: number): Op<number> {
    if (this.readFrames) framesSeen.push(...currentSim!.kernel.current!.calls);
    this.probe?.();
    yield* compute(1);
    if (n < 0) throw new Error(`bad ${n}`);
    return n * 2;
  }
}

let currentSim: Simulation | null = null;

function setUp(cpus = 1) {
  const sim = createSimulation({ seed: 1, cpus });
  currentSim = sim;
  framesSeen = [];
  return { sim, w: sim.objects.create(Worker) };
}

const asCall = (op: unknown) => op as Call;

describe('a returned call nothing kept', () => {
  test('is the next op, fresh before it enters, and runs as a new call with its own id and arguments', () => {
    const { sim, w } = setUp();
    const out: unknown[] = [];
    const entered: [number, unknown[]][] = [];
    sim.events$.subscribe((e) => {
      if (e.type === 'call.entered' && e.method === 'work')
        entered.push([e.call, e.args as unknown[]]);
    });
    sim.spawn('t', function* () {
      const a = w.work(1);
      out.push(yield* a);
      const first = recordOf(asCall(a));
      const b = w.work(2);
      out.push(b === a, recordOf(asCall(b)));
      out.push(yield* b, recordOf(asCall(b)).id > first.id, first.result);
    });
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(out).toEqual([2, true, { ...FRESH, args: [2] }, 4, true, 2]);
    expect(entered.map(([, args]) => args)).toEqual([[1], [2]]);
    expect(new Set(entered.map(([id]) => id)).size).toBe(2);
  });

  test('is reused across threads (a table keeps at most OP_POOL_MAX waiting)', () => {
    const { sim, w } = setUp(2);
    const ops = new Set<unknown>();
    const threads = OP_POOL_MAX * 3;
    for (let i = 0; i < threads; i++)
      sim.at(i, () =>
        sim.spawn(`t${i}`, function* () {
          for (let k = 0; k < 3; k++) {
            const op = w.work(k);
            ops.add(op);
            yield* op;
          }
        }),
      );
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(ops.size).toBeLessThan(threads); // 3 calls a thread: most ops were reused
    const pool = (sim.table as unknown as { opPool: unknown[] }).opPool;
    expect(pool.length).toBeGreaterThan(0);
    expect(pool.length).toBeLessThanOrEqual(OP_POOL_MAX);
  });
});

describe("the simulator's own readers of a stack look and let go: the record is still reused", () => {
  test('the update-point safety check, the swap blocker report and the old-call scan', () => {
    const { sim, w } = setUp();
    const worker = sim.objects.peek(w);
    const entry = sim.objects.entry(w);
    const found: unknown[] = [];
    worker.probe = () => {
      const k = sim.kernel;
      const me = k.current!.id;
      found.push(
        unsafeFrames(k, new Set(['Worker'])).map((f) => f.method),
        threadBlockers(k, [me]).map((b) => b.calls.map((c) => c.method)),
        oldCallThreads(k, [entry]),
      );
    };
    const out: unknown[] = [];
    sim.spawn('t', function* () {
      const a = w.work(1);
      yield* a;
      const b = w.work(3);
      out.push(a === b);
      yield* b;
    });
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    // each reader saw the call it was inside (twice: once per call) ...
    expect(found).toEqual([['work'], [['work']], [1], ['work'], [['work']], [1]]);
    // ... and the first call's record was still the second call's
    expect(out).toEqual([true]);
  });
});

describe('a record is kept (never reused) when', () => {
  /** Runs two calls in a row; returns the first's record after the second ran, and whether they were one object. */
  function twoCalls(sim: Simulation, w: Worker, first: (op: Op<number>) => Op<unknown>) {
    const out: { same?: boolean; firstId?: number; kept?: ReturnType<typeof recordOf> } = {};
    sim.spawn('t', function* () {
      const a = w.work(1);
      yield* first(a);
      out.firstId = asCall(a).id;
      const b = w.work(3);
      yield* b;
      out.same = a === b;
      out.kept = recordOf(asCall(a));
    });
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    return out;
  }

  test('a mediator saw it', () => {
    const { sim, w } = setUp();
    class Pass extends ForwardingMediator {
      readonly name = 'pass';
      override *callOp(call: Call, forward: ForwardOp): Op<unknown> {
        return yield* forward(call);
      }
    }
    sim.interpose(w, new Pass());
    const out = twoCalls(sim, w as unknown as Worker, (op) => op);
    expect(out.same).toBe(false);
    expect(out.kept).toMatchObject({ id: out.firstId, result: 2, args: [1], reached: 1 });
  });

  test('a reader of thread.calls saw it', () => {
    const { sim, w } = setUp();
    sim.objects.peek(w).readFrames = true;
    const out = twoCalls(sim, w as unknown as Worker, (op) => op);
    expect(out.same).toBe(false);
    expect(out.kept).toMatchObject({ id: out.firstId, result: 2, args: [1] });
    expect(framesSeen.length).toBe(2);
    expect(recordOf(framesSeen[0] as Call)).toMatchObject({ id: out.firstId, result: 2 });
  });

  test('the array thread.calls gave is a snapshot: a call made later is not in it, and is reused', () => {
    const { sim, w } = setUp();
    class Peek {
      held: readonly unknown[] = [];
      *look(): Op<void> {
        this.held = currentSim!.kernel.current!.calls; // inside this call: [this call]
        yield* compute(1);
      }
    }
    const p = sim.objects.create(Peek);
    const out: unknown[] = [];
    sim.spawn('t', function* () {
      yield* p.look();
      const x = w.work(2);
      yield* x;
      const y = w.work(3);
      out.push(y === x);
      yield* y;
    });
    expect(sim.run().outcome).toBe('passed');
    const held = sim.objects.peek(p).held as Call[];
    expect(out).toEqual([true]);
    expect(held.map((c) => `${c.objectName}.${c.method}`)).toEqual([`${held[0].objectName}.look`]);
  });

  test("the transactions' journal saw it", () => {
    const { sim, w } = setUp();
    const out = twoCalls(sim, w as unknown as Worker, (op) =>
      sim.transaction('tx', function* () {
        return yield* op;
      }),
    );
    expect(out.same).toBe(false);
    expect(out.kept).toMatchObject({ id: out.firstId, result: 2 });
  });

  test('it failed', () => {
    const { sim, w } = setUp();
    const out: unknown[] = [];
    sim.spawn('t', function* () {
      const a = w.work(-1);
      try {
        yield* a;
      } catch {
        // kept below
      }
      const b = w.work(3);
      yield* b;
      out.push(a === b, asCall(a).error);
    });
    expect(sim.run().outcome).toBe('passed');
    expect(out).toEqual([false, new Error('bad -1')]);
  });

  test('it was cut short with return()', () => {
    const { sim, w } = setUp();
    const out: unknown[] = [];
    sim.spawn('t', function* () {
      const a = w.work(1);
      a.next();
      a.next(); // inside
      a.return(9);
      const b = w.work(3);
      yield* b;
      out.push(a === b, asCall(a).result);
    });
    expect(sim.run().outcome).toBe('passed');
    expect(out).toEqual([false, 9]);
  });
});
