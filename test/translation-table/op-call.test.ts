/**
 * OpCall (src/translation-table/op-call.ts): a generator call through a ref
 * is one object, the iterator and the call's record, and it keeps the steps
 * of the generator it replaced: entry and exit boundaries, the call on the
 * thread's stack in between, left on every way out (return, throw, return()).
 */
import { describe, expect, test } from 'vitest';
import {
  Call,
  compute,
  createSimulation,
  ForwardingMediator,
  type ForwardOp,
  type Op,
} from 'kernel-sim';
import { recordOf } from './record-of.ts';

class Worker {
  *work(n: number): Op<number> {
    yield* compute(1);
    if (n < 0) throw new Error(`bad ${n}`);
    return n * 2;
  }
}

function simWithWorker() {
  const sim = createSimulation({ seed: 1, cpus: 1 });
  const w = sim.objects.create(Worker);
  return { sim, w };
}

describe('OpCall', () => {
  test('the op a ref returns is the Call on the thread stack while inside, and off it after', () => {
    const { sim, w } = simWithWorker();
    const seen: unknown[] = [];
    sim.spawn('t', function* () {
      const op = w.work(4);
      const steps: unknown[] = [];
      let r = op.next();
      steps.push(r.value);
      expect(sim.kernel.current!.calls.length).toBe(0); // entry boundary: not entered yet
      r = op.next();
      steps.push(r.value);
      const top: unknown = sim.kernel.current!.calls.at(-1);
      seen.push(top === op, op instanceof Call, (op as unknown as Call).id > 0);
      while (!r.done) r = op.next();
      seen.push(r.value, sim.kernel.current!.calls.length, (op as unknown as Call).result);
      expect(steps).toEqual([{ kind: 'boundary' }, { kind: 'compute', ticks: 1 }]);
    });
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(seen).toEqual([true, true, true, 8, 0, 8]);
  });

  test('a method that throws leaves the call (failed) and the thread can catch it', () => {
    const { sim, w } = simWithWorker();
    const out: unknown[] = [];
    sim.spawn('t', function* () {
      try {
        yield* w.work(-1);
      } catch (e) {
        out.push((e as Error).message, sim.kernel.current!.calls.length);
      }
      out.push(yield* w.work(3));
    });
    const exited: (string | null)[] = [];
    sim.events$.subscribe((e) => {
      if (e.type === 'call.exited' && e.method === 'work') exited.push(e.error);
    });
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(out).toEqual(['bad -1', 0, 6]);
    expect(exited).toEqual([expect.stringContaining('bad -1'), null]);
  });

  test('throw() at the entry boundary ends the call before it enters; return() inside leaves it', () => {
    const { sim, w } = simWithWorker();
    const out: unknown[] = [];
    sim.spawn('t', function* () {
      const a = w.work(1);
      a.next();
      expect(() => a.throw(new Error('at entry'))).toThrow('at entry');
      out.push(sim.kernel.current!.calls.length, a.next().done);
      const b = w.work(1);
      b.next();
      b.next(); // entered, inside compute
      out.push(sim.kernel.current!.calls.length);
      out.push(b.return(42), sim.kernel.current!.calls.length, b.next().done);
      yield* compute(1);
    });
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(out).toEqual([0, true, 1, { value: 42, done: true }, 0, true]);
  });

  test('an error thrown into the thread while it is inside the call goes through the method', () => {
    const { sim, w } = simWithWorker();
    const out: unknown[] = [];
    sim.spawn('t', function* () {
      const op = w.work(1);
      op.next();
      op.next();
      expect(() => op.throw(new Error('from outside'))).toThrow('from outside');
      out.push(sim.kernel.current!.calls.length, (op as unknown as Call).error);
      yield* compute(1);
    });
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(out).toEqual([0, new Error('from outside')]);
  });
});

/** Keeps every call it mediates: a record something outside the table saw is never reused. */
class Keeper extends ForwardingMediator {
  readonly name = 'keeper';
  override *callOp(call: Call, forward: ForwardOp): Op<unknown> {
    return yield* forward(call);
  }
}

describe('OpCall as a Call record kept after the call (a mediated call: kept, never reused)', () => {
  test('before entry, after a return, after a failure (also after a later throw()), after return()', () => {
    const { sim, w } = simWithWorker();
    sim.interpose(w, new Keeper());
    const ops: Call[] = [];
    const at: Record<string, unknown> = {};
    sim.spawn('rec', function* () {
      const ok = w.work(5);
      at.before = recordOf(ok as unknown as Call);
      yield* ok;
      const bad = w.work(-2);
      try {
        yield* bad;
      } catch {
        // kept below
      }
      expect(() => bad.throw(new Error('later'))).toThrow('later');
      const cut = w.work(1);
      cut.next();
      cut.next();
      cut.return(9);
      ops.push(ok as unknown as Call, bad as unknown as Call, cut as unknown as Call);
      yield* compute(1);
    });
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    const base = {
      kind: 'op',
      thread: 1,
      threadName: 'rec',
      reached: 1,
      version: 1,
      impl: 'Worker',
      stats: null,
      cpu: 0,
    };
    expect(at.before).toMatchObject({
      kind: 'op',
      thread: -1,
      threadName: '',
      reached: 0,
      version: 0,
      impl: '',
      result: undefined,
      error: undefined,
      tickExited: -1,
    });
    const [ok, bad, cut] = ops.map(recordOf);
    expect(ok).toMatchObject({ ...base, result: 10, error: undefined });
    expect(bad).toMatchObject({ ...base, result: undefined, error: new Error('bad -2') });
    expect(cut).toMatchObject({ ...base, result: 9, error: undefined });
    for (const c of [ok, bad]) expect(c.tickExited).toBeGreaterThan(c.tickEntered);
    expect(cut.tickExited).toBe(cut.tickEntered); // entered and left with return() in one step
  });

  test('call stats and a replicating mediator: stats on the record, reached counts every reach', () => {
    const sim = createSimulation({ seed: 1, cpus: 1, callStats: true });
    const w = sim.objects.create(Worker);
    class Twice extends ForwardingMediator {
      readonly name = 'twice';
      override *callOp(call: Call, forward: ForwardOp): Op<unknown> {
        yield* forward(call);
        return yield* forward(call);
      }
    }
    const ops: Call[] = [];
    sim.interpose(w, new Keeper());
    sim.spawn('t', function* () {
      const a = w.work(1);
      yield* a;
      sim.interpose(w, new Twice());
      const b = w.work(2);
      yield* b;
      ops.push(a as unknown as Call, b as unknown as Call);
    });
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    const [a, b] = ops;
    expect([a.reached, b.reached, b.result]).toEqual([1, 2, 4]);
    expect(a.stats).toEqual({ calls: 2, failed: 0, inFlight: 0 });
    expect(b.stats).toBe(a.stats);
  });
});

class Ticker {
  /** No declared parameters: its calls share one empty argument array. */
  *tick(): Op<number> {
    yield* compute(1);
    return arguments.length;
  }
}

describe('OpCall of a method with no parameters (NO_ARGS)', () => {
  test('unmediated calls share one frozen empty argument array; arguments given still arrive', () => {
    const sim = createSimulation({ seed: 1, cpus: 1 });
    const t = sim.objects.create(Ticker);
    const out: unknown[] = [];
    sim.spawn('t', function* () {
      const a = t.tick();
      const argsA = (a as unknown as Call).args;
      out.push(yield* a);
      const b = t.tick();
      out.push(argsA === (b as unknown as Call).args, Object.isFrozen(argsA), argsA.length);
      out.push(yield* b);
      const c = Reflect.apply(t.tick, t, [7, 8]) as Op<number>; // arguments it does not declare
      out.push((c as unknown as Call).args, yield* c);
    });
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(out).toEqual([0, true, true, 0, 0, [7, 8], 2]);
  });

  test('a mediator gets an array of its own (it may rewrite it); an observer gets a fresh one', () => {
    const sim = createSimulation({ seed: 1, cpus: 1 });
    const t = sim.objects.create(Ticker);
    const entered: unknown[][] = [];
    sim.events$.subscribe((e) => {
      if (e.type === 'call.entered' && e.method === 'tick') entered.push(e.args as unknown[]);
    });
    class AddArg extends ForwardingMediator {
      readonly name = 'add-arg';
      override *callOp(call: Call, forward: ForwardOp): Op<unknown> {
        call.args.push(call.id); // throws on a shared frozen array
        return yield* forward(call);
      }
    }
    const out: unknown[] = [];
    sim.spawn('t', function* () {
      out.push(yield* t.tick()); // unmediated
      sim.interpose(t, new AddArg());
      out.push(yield* t.tick(), yield* t.tick()); // mediated: one argument each, its own
    });
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(out).toEqual([0, 1, 1]);
    expect(entered.length).toBe(3);
    expect(entered.map((a) => Object.isFrozen(a))).toEqual([false, false, false]);
    expect(entered[0]).not.toBe(entered[1]);
  });
});

describe('OpCall on a fast entry (unmediated) and through a mediator', () => {
  function callEvents(mediated: boolean) {
    const { sim, w } = simWithWorker();
    const events: unknown[] = [];
    const calls = new Set<number>();
    sim.events$.subscribe((e) => {
      if (e.type === 'call.entered' && e.method === 'work') calls.add(e.call);
      if (e.type.startsWith('call.') && calls.has((e as { call: number }).call))
        events.push({ ...e, seq: 0 }); // the mediated run has one event more before (the interposition)
    });
    if (mediated) {
      class Pass extends ForwardingMediator {
        readonly name = 'pass';
      }
      sim.interpose(w, new Pass());
    }
    sim.spawn('t', function* () {
      yield* w.work(1);
      try {
        yield* w.work(-1);
      } catch {
        // the failed call's events are compared too
      }
    });
    expect(sim.run().outcome).toBe('passed');
    return events;
  }

  test('the same call events on both paths, a failed call included', () => {
    const fast = callEvents(false);
    expect(fast.map((e) => (e as { type: string }).type)).toEqual([
      'call.entered',
      'call.reached',
      'call.exited',
      'call.entered',
      'call.reached',
      'call.exited',
    ]);
    expect(fast).toEqual(callEvents(true));
  });

  test('a target without the method: NoSuchMethodError into the thread, the call left', () => {
    const { sim, w } = simWithWorker();
    Object.defineProperty(sim.objects.peek(w), 'work', { value: undefined });
    const out: unknown[] = [];
    sim.spawn('t', function* () {
      const op = w.work(1);
      try {
        yield* op;
      } catch (e) {
        out.push((e as Error).name, (e as Error).message, sim.kernel.current!.calls.length);
      }
      out.push((op as unknown as Call).reached, (op as unknown as Call).error !== undefined);
    });
    expect(sim.run().outcome).toBe('passed');
    expect(out).toEqual([
      'NoSuchMethodError',
      expect.stringContaining("has no method 'work'"),
      0,
      0,
      true,
    ]);
  });
});
