import { describe, expect, test } from 'vitest';
import { compute, createSimulation, sleep, type ObjectRef, type Op } from 'kernel-sim';
import {
  CALL_ERROR,
  CALL_HELD,
  CALL_OPEN,
  CALL_TORN,
  RUN_ENDS,
  recordTimeline,
  TimelineRecorder,
  type TimelineModel,
} from '../../src/report/index.ts';
import { Counter, buildSwapRun, recordSwapRun } from './swap-fixture.ts';

/** Every structural invariant the model promises (timeline-model.ts header). */
function checkModel(m: TimelineModel): void {
  const c = m.calls;
  const rows = new Map<string, number>();
  for (let i = 0; i < c.id.length; i++) {
    expect(c.start[i]).toBeLessThanOrEqual(c.end[i]);
    expect(c.end[i]).toBeLessThanOrEqual(m.endTick);
    const p = c.parent[i];
    if (p >= 0) {
      expect(c.thread[p]).toBe(c.thread[i]);
      expect(c.depth[i]).toBe(c.depth[p] + 1);
      expect(c.start[p]).toBeLessThanOrEqual(c.start[i]);
      expect(c.end[i]).toBeLessThanOrEqual(c.end[p]);
    } else expect(c.depth[i]).toBe(0);
    // siblings on one row of one lane never overlap and come in start order
    const key = `${c.thread[i] >= 0 ? c.thread[i] : `k${c.cpu[i]}`}:${c.depth[i]}`;
    const prev = rows.get(key);
    if (prev !== undefined) expect(c.end[prev]).toBeLessThanOrEqual(c.start[i]);
    rows.set(key, i);
  }
  for (let j = 0; j < m.held.call.length; j++) {
    const i = m.held.call[j];
    expect(c.flags[i] & CALL_HELD).toBe(CALL_HELD);
    expect(c.start[i]).toBeLessThanOrEqual(m.held.start[j]);
    expect(m.held.end[j]).toBeLessThanOrEqual(c.end[i]);
  }
  const lastEnd = new Map<number, number>();
  for (let k = 0; k < m.runs.cpu.length; k++) {
    expect(m.runs.start[k]).toBeLessThanOrEqual(m.runs.end[k]);
    expect(m.runs.start[k]).toBeGreaterThanOrEqual(lastEnd.get(m.runs.cpu[k]) ?? 0);
    lastEnd.set(m.runs.cpu[k], m.runs.end[k]);
  }
  for (const t of m.threads) expect(t.spawnTick).toBeLessThanOrEqual(t.endTick);
}

describe('TimelineRecorder on a hot swap with held calls', () => {
  const run = recordSwapRun();
  const m = run.model;

  test('the run is the one the tests expect (held calls, completed swap)', () => {
    expect(run.result.outcome, run.result.reason).toBe('passed');
    expect(run.swap.outcome).toBe('completed');
    expect(run.swap.held).toBeGreaterThan(0);
  });

  test('lanes: one per CPU, per swap, per kernel-context CPU and per thread, in that order', () => {
    const keys = m.lanes.map((l) => l.key);
    expect(keys.filter((k) => k.startsWith('cpu-'))).toEqual(['cpu-0', 'cpu-1']);
    expect(keys.filter((k) => k.startsWith('thread-'))).toHaveLength(run.result.threads.spawned);
    expect(keys.filter((k) => k.startsWith('swap-'))).toEqual(['swap-1']);
    expect(m.lanes.map((l) => l.kind)).toEqual(
      [...m.lanes.map((l) => l.kind)].sort(
        (a, b) =>
          ['cpu', 'swap', 'kernel', 'thread'].indexOf(a) -
          ['cpu', 'swap', 'kernel', 'thread'].indexOf(b),
      ),
    );
    expect(m.threads.map((t) => t.name)).toContain('worker-0');
  });

  test('the swap band: phases in order, each starting where the last ended, outcome and counts', () => {
    const s = m.swaps[0];
    expect(s.phases.map((p) => p.phase)).toEqual([
      'negotiate',
      'forward',
      'block',
      'transfer',
      'complete',
    ]);
    for (let k = 1; k < s.phases.length; k++) expect(s.phases[k].start).toBe(s.phases[k - 1].end);
    expect(s.phases[0].start).toBe(12);
    expect(s.outcome).toBe('completed');
    expect(s.held).toBe(run.swap.held);
    expect(s.maxHoldTicks).toBe(run.swap.maxHoldTicks);
    expect(s.doneTick).toBe(s.phases[4].end);
    expect(s.from).toEqual(['Counter']);
    expect(s.to).toEqual(['Counter2']);
  });

  test('calls: every call entered is recorded once, with its label and the version it reached', () => {
    const entered = m.calls.id.length;
    expect(new Set(m.calls.id).size).toBe(entered);
    expect(m.labels).toContain('Counter#2.slowInc');
    expect(m.labels).toContain('Counter#2.inc');
    const c = m.calls;
    const counter = m.objects.find((o) => o.name === 'Counter#2')!;
    expect(counter.versions.map((v) => [v.version, v.class])).toEqual([
      [1, 'Counter'],
      [2, 'Counter2'],
    ]);
    const v2From = counter.versions[1].tick;
    for (let i = 0; i < entered; i++) {
      if (c.object[i] !== counter.id) continue;
      expect(c.flags[i] & (CALL_OPEN | CALL_ERROR)).toBe(0);
      if (c.start[i] > v2From) expect(c.version[i]).toBe(2);
    }
  });

  test('held calls wait in block and are released to the new version', () => {
    const s = m.swaps[0];
    const block = s.phases.find((p) => p.phase === 'block')!;
    const complete = s.phases.find((p) => p.phase === 'complete')!;
    expect(m.held.call).toHaveLength(s.held);
    for (let j = 0; j < m.held.call.length; j++) {
      expect(m.held.start[j]).toBeGreaterThanOrEqual(block.start);
      expect(m.held.end[j]).toBe(complete.start);
      expect(m.calls.version[m.held.call[j]]).toBe(2);
    }
    expect(Math.max(...m.held.end.map((e, j) => e - m.held.start[j]))).toBe(s.maxHoldTicks);
  });

  test('CPU runs, thread lifetimes and generation markers', () => {
    checkModel(m);
    expect(m.runs.cpu.length).toBeGreaterThan(m.threads.length);
    expect(new Set(m.runs.why.map((w) => RUN_ENDS[w]))).toEqual(
      new Set(['preempted', 'slept', 'blocked', 'exited']),
    );
    for (const t of m.threads) expect(t.end).toBe('exited');
    expect(m.generations.tick.length).toBeGreaterThan(0);
    expect(m.quiescence.map((q) => q.label)).toEqual(
      expect.arrayContaining(['swap 1 forward', 'swap 1 retire old']),
    );
    const fwd = m.quiescence.find((q) => q.label === 'swap 1 forward')!;
    expect(fwd.reachedTick).toBe(m.swaps[0].phases[1].end);
  });

  test('the kernel-context scheduler calls get their own lanes per CPU', () => {
    expect(m.lanes.filter((l) => l.kind === 'kernel').map((l) => l.key)).toEqual([
      'kernel-0',
      'kernel-1',
    ]);
    expect(m.labels).toContain('scheduler.pickNext');
  });

  test('it is plain JSON and deterministic: same seed, same bytes', () => {
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
    expect(JSON.stringify(recordSwapRun().model)).toBe(JSON.stringify(m));
    expect(JSON.stringify(recordSwapRun({ seed: 4 }).model)).not.toBe(JSON.stringify(m));
  });
});

describe('TimelineRecorder edge cases', () => {
  test('an aborted swap keeps the phases it went through, the phase it aborted in and the reason', () => {
    const { model, swap } = recordSwapRun({ veto: true });
    const s = model.swaps[0];
    expect(swap.outcome).toBe('aborted');
    expect(s.outcome).toBe('aborted');
    expect(s.abortedIn).toBe('transfer');
    expect(s.reason).toContain('the teacher said no');
    expect(s.phases.map((p) => p.phase)).toEqual(['negotiate', 'forward', 'block', 'transfer']);
    const counter = model.objects.find((o) => o.name === 'Counter#2')!;
    expect(counter.versions.map((v) => v.version)).toEqual([1]);
  });

  test('nested calls across objects: depth, parent and thread depthMax', () => {
    class Outer {
      constructor(private readonly c: ObjectRef<Counter>) {}
      *work(): Op<number> {
        yield* compute(1);
        return yield* this.c.slowInc(2);
      }
    }
    const sim = createSimulation({ seed: 1 });
    const rec = recordTimeline(sim);
    const c = sim.objects.create(Counter);
    const outer = sim.objects.create(Outer, c);
    sim.spawn('caller', function* () {
      yield* outer.work();
      yield* outer.work();
    });
    expect(sim.run().outcome).toBe('passed');
    const m = rec.model();
    checkModel(m);
    const t = m.threads.find((x) => x.name === 'caller')!;
    expect(t.depthMax).toBe(1);
    expect(m.lanes.find((l) => l.key === `thread-${t.id}`)!.rows).toBe(2);
    const inner = m.calls.label.findIndex(
      (l) => m.labels[l] === 'Counter#1.slowInc' || m.labels[l].endsWith('.slowInc'),
    );
    expect(m.calls.depth[inner]).toBe(1);
    expect(m.labels[m.calls.label[m.calls.parent[inner]]]).toMatch(/\.work$/);
  });

  test('a thread that fails inside a call: the call is flagged as an error, the thread as failed', () => {
    class Fragile {
      *boom(): Op<void> {
        yield* compute(2);
        throw new Error('kaput');
      }
    }
    const sim = createSimulation({ seed: 1 });
    const rec = recordTimeline(sim);
    const f = sim.objects.create(Fragile);
    sim.spawn('victim', function* () {
      yield* f.boom();
    });
    sim.run();
    const m = rec.model();
    checkModel(m);
    const t = m.threads.find((x) => x.name === 'victim')!;
    expect(t.end).toBe('failed');
    expect(t.error).toContain('kaput');
    const i = m.calls.label.findIndex((l) => m.labels[l].endsWith('.boom'));
    expect(m.calls.flags[i] & CALL_ERROR).toBe(CALL_ERROR);
    expect(RUN_ENDS[m.runs.why[m.runs.thread.lastIndexOf(t.id)]]).toBe('failed');
  });

  test('a run cut short: open calls, runs and threads are closed at the last tick and flagged', () => {
    const sim = createSimulation({ seed: 1, ticksMax: 30 });
    const rec = recordTimeline(sim);
    const c = sim.objects.create(Counter);
    sim.spawn('forever', function* () {
      for (;;) yield* c.slowInc(7);
    });
    expect(sim.run().outcome).toBe('liveness');
    const m = rec.model();
    checkModel(m);
    const forever = m.threads.find((t) => t.name === 'forever')!.id;
    const last = m.calls.thread.lastIndexOf(forever);
    expect(m.calls.flags[last] & CALL_OPEN).toBe(CALL_OPEN);
    expect(m.calls.end[last]).toBe(m.endTick);
    expect(m.threads.find((t) => t.name === 'forever')!.end).toBe('alive');
    expect(m.runs.why).toContain(RUN_ENDS.indexOf('running'));
  });

  test('attached after setup: threads spawned before attach keep their names and spawn ticks', () => {
    const early = recordSwapRun().model;
    const run = buildSwapRun();
    const rec = new TimelineRecorder().attach(run.sim);
    expect(rec.attach(run.sim)).toBe(rec);
    run.sim.run();
    const late = rec.model();
    expect(late.calls.id).toEqual(early.calls.id);
    expect(late.threads.map((t) => [t.id, t.name, t.spawnTick])).toEqual(
      early.threads.map((t) => [t.id, t.name, t.spawnTick]),
    );
    expect(late.objects.find((o) => o.name === 'Counter#2')!.versions.map((v) => v.class)).toEqual([
      'Counter',
      'Counter2',
    ]);
    expect(() => rec.attach(createSimulation())).toThrow(/one recorder per simulation/);
  });

  test('recording does not change the run: same event log hash with and without it', () => {
    for (const seed of [1, 2, 3, 5, 8]) {
      const plain = buildSwapRun({ seed }).sim.run();
      const recorded = recordSwapRun({ seed }).result;
      expect(recorded.eventsHash).toBe(plain.eventsHash);
      expect(recorded.ticks).toBe(plain.ticks);
    }
  });

  test('replaying a recorded event log with add() gives the same model', () => {
    const events: unknown[] = [];
    const live = recordSwapRun({
      observe: (sim) => void sim.events$.subscribe((e) => events.push(e)),
    });
    const replay = new TimelineRecorder();
    for (const e of events) replay.add(e as Parameters<TimelineRecorder['add']>[0]);
    const m = replay.model();
    expect(m.calls).toEqual(live.model.calls);
    expect(m.swaps).toEqual(live.model.swaps);
    expect(m.cpus).toBe(2);
    expect(m.seed).toBeNull();
  });

  test('sleeping threads have no CPU run while asleep', () => {
    const sim = createSimulation({ seed: 1, cpus: 1 });
    const rec = recordTimeline(sim);
    sim.spawn('napper', function* () {
      yield* compute(3);
      yield* sleep(20);
      yield* compute(3);
    });
    sim.run();
    const m = rec.model();
    expect(RUN_ENDS[m.runs.why[0]]).toBe('slept');
    expect(m.runs.start[1] - m.runs.end[0]).toBeGreaterThanOrEqual(19);
  });
});

describe('TimelineRecorder: torn calls', () => {
  class Account {
    balance = 0;
    *deposit(n: number): Op<void> {
      const before = this.balance;
      yield* compute(10);
      this.balance = before + n;
    }
    exportFormats(): readonly string[] {
      return ['b'];
    }
    exportState(): number {
      return this.balance;
    }
    importFormats(): readonly string[] {
      return ['b'];
    }
    importState(_f: string, s: unknown): void {
      this.balance = s as number;
    }
  }
  class AccountV2 extends Account {}

  function run(strategy: 'naive' | 'quiescence') {
    const sim = createSimulation({ seed: 1, swapStrategy: strategy });
    const rec = recordTimeline(sim);
    const a = sim.objects.createNamed('account', Account);
    sim.spawn('payroll', function* () {
      yield* a.deposit(100);
      yield* sleep(20);
      yield* a.deposit(1);
    });
    sim.at(5, () => void sim.hotswap(a, AccountV2));
    sim.run();
    const m = rec.model();
    checkModel(m);
    return m;
  }

  test('naive: the deposit in flight at the transfer is flagged torn; the later one is not', () => {
    const m = run('naive');
    const deposits = m.calls.id
      .map((_, i) => i)
      .filter((i) => m.labels[m.calls.label[i]] === 'account.deposit');
    expect(deposits).toHaveLength(2);
    expect(deposits.map((i) => (m.calls.flags[i] & CALL_TORN) !== 0)).toEqual([true, false]);
    expect(deposits.map((i) => m.calls.version[i])).toEqual([1, 2]);
  });

  test('quiescence: no call is torn', () => {
    const m = run('quiescence');
    expect(m.calls.flags.some((f) => (f & CALL_TORN) !== 0)).toBe(false);
  });
});
