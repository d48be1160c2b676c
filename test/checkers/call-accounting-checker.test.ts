import { describe, expect, test } from 'vitest';
import {
  WaitQueue,
  block,
  createSimulation,
  ForwardingMediator,
  type Call,
  type ForwardOp,
  type Op,
} from 'kernel-sim';
import { attachCheckers } from '../../src/checkers/index.ts';
import {
  dispatched,
  entered,
  exited,
  feed,
  reached,
  stream,
  threadExited,
} from './event-stream.ts';
import { Counter, counterWorkload } from './swap-workload.ts';

const only = { only: ['calls'] as const };

describe('CallAccountingChecker: passes', () => {
  test('every call of a real swap workload exits once, over 30 seeds', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const sim = createSimulation({ seed, cpus: 1 + (seed % 3) });
      const checks = attachCheckers(sim, only);
      counterWorkload(sim, { threads: 6, rounds: 5, swapAt: 5 + (seed % 20) });
      expect(sim.run().outcome).toBe('passed');
      const r = checks.report();
      expect(r.violations, `seed ${seed}`).toEqual([]);
      expect(r.inFlight).toEqual([]);
    }
  });

  test('a call still in flight at the end is listed with its thread, not a violation', () => {
    const r = feed(
      stream([0, dispatched(1)], [1, entered(10, 1, 2, 'read')], [2, reached(10)]),
      only,
    );
    expect(r.ok).toBe(true);
    expect(r.inFlight).toEqual([
      { call: 10, thread: 1, object: 2, objectName: 'obj2', method: 'read', sinceTick: 1 },
    ]);
    expect(r.notes[0]).toContain(
      'in flight at the end: call 10 obj2.read since tick 1 on thread 1',
    );
  });

  test('a thread blocked forever inside a call shows in flight in a real run', () => {
    const q = new WaitQueue('never');
    class Stuck {
      *wait(): Op<void> {
        yield* block(q);
      }
    }
    const sim = createSimulation({ seed: 1 });
    const checks = attachCheckers(sim, only);
    const s = sim.objects.create(Stuck);
    sim.spawn('stuck', function* () {
      yield* s.wait();
    });
    expect(sim.run().outcome).toBe('liveness');
    const r = checks.report();
    expect(r.ok).toBe(true);
    expect(r.inFlight.map((c) => [c.method, c.thread])).toEqual([['wait', 1]]);
  });
});

describe('CallAccountingChecker: catches', () => {
  test('a call that exits twice (duplicated)', () => {
    const r = feed(stream([1, entered(10, 1)], [2, exited(10, 1)], [3, exited(10, 1)]), only);
    expect(r.violations[0]).toMatchObject({ checker: 'calls', tick: 3, seq: 2 });
    expect(r.violations[0].message).toContain('exited twice');
  });

  test('a call entered twice, and an exit without an entry', () => {
    expect(
      feed(stream([1, entered(10, 1)], [2, entered(10, 1)]), only).violations[0].message,
    ).toContain('entered twice');
    expect(feed(stream([1, exited(11, 1)]), only).violations[0].message).toContain(
      'without having entered',
    );
  });

  test('a call that reaches after it exited, or reaches twice', () => {
    expect(
      feed(stream([1, entered(10, 1)], [2, exited(10, 1)], [3, reached(10)]), only).violations[0]
        .message,
    ).toContain('after it exited');
    expect(
      feed(stream([1, entered(10, 1)], [2, reached(10)], [3, reached(10)]), only).violations[0]
        .message,
    ).toContain('2 times');
    expect(
      feed(stream([1, entered(10, 1)], [2, reached(10)], [3, reached(10)]), {
        ...only,
        calls: { reachesPerCallMax: 2 },
      }).ok,
    ).toBe(true);
  });

  test('calls that exit out of nesting order on their thread', () => {
    const r = feed(stream([1, entered(10, 1)], [2, entered(11, 1)], [3, exited(10, 1)]), only);
    expect(r.violations[0].message).toContain('exited while call 11 entered after it');
  });

  test('a thread that exits with a call in flight (the call is lost)', () => {
    const r = feed(stream([1, entered(10, 3, 2, 'read')], [5, threadExited(3)]), only);
    expect(r.violations[0].message).toMatch(
      /thread 3 exited with 1 call\(s\) in flight.*lost.*call 10 obj2.read/,
    );
    expect(r.inFlight).toEqual([]);
  });

  test('a sabotaged table that forgets to report one call exit (real run)', () => {
    const sim = createSimulation({ seed: 4, cpus: 2 });
    const checks = attachCheckers(sim, only);
    const table = sim.table as unknown as { exited: (...a: unknown[]) => void };
    const exitedOriginal = table.exited;
    let skipped = false;
    table.exited = function (this: unknown, ...args: unknown[]) {
      if (!skipped && (args[0] as Call).method === 'slowInc') return void (skipped = true);
      exitedOriginal.apply(this, args);
    };
    counterWorkload(sim, { threads: 3, rounds: 3, swapAt: 10 });
    sim.run();
    const r = checks.report();
    expect(skipped).toBe(true);
    expect(r.violations[0].message).toMatch(
      /exited with 1 call\(s\) in flight, never exited: lost/,
    );
  });

  test('a sabotaged mediator that forwards a call twice (real run)', () => {
    class Twice extends ForwardingMediator {
      readonly name = 'twice';
      override *callOp(call: Call, forward: ForwardOp): Op<unknown> {
        yield* forward(call);
        return yield* forward(call);
      }
    }
    const sim = createSimulation({ seed: 2 });
    const checks = attachCheckers(sim, only);
    const c = sim.objects.create(Counter);
    sim.interpose(c, new Twice());
    sim.spawn('t', function* () {
      yield* c.slowInc(1);
    });
    sim.run();
    expect(checks.report().violations[0].message).toMatch(
      /reached an implementation 2 times: duplicated/,
    );
  });
});
