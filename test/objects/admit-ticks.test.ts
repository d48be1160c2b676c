/**
 * The policies' admit call (src/objects/admit-ticks.ts): what each policy
 * answers, that it takes ADMIT_TICKS of CPU, and that it is the scheduler
 * call a swap holds in block (the dispatcher's port calls never are).
 */
import { describe, expect, test } from 'vitest';
import {
  ADMIT_TICKS,
  createSimulation,
  RoundRobinPolicy,
  StridePolicy,
  type Op,
  type Swap,
  type ThreadView,
} from 'kernel-sim';

function view(id: number, weight = 1): ThreadView {
  return {
    id,
    name: `t${id}`,
    parentId: null,
    state: 'ready',
    weight,
    cpu: -1,
    tickSpawned: 0,
    calls: [],
    selfDeactivated: false,
  };
}

/** Run an admit generator outside a kernel: its effects, and what it returns. */
function drive(op: Op<number>): { effects: unknown[]; share: number } {
  const effects: unknown[] = [];
  for (let r = op.next(); ; r = op.next()) {
    if (r.done) return { effects, share: r.value };
    effects.push(r.value);
  }
}

describe('admit', () => {
  test('round robin: cpus / (ready + 1), whatever the weight, after ADMIT_TICKS of compute', () => {
    const p = new RoundRobinPolicy({ cpus: 2, quantumTicks: 5 });
    expect(drive(p.admit(4))).toEqual({
      effects: [{ kind: 'compute', ticks: ADMIT_TICKS }],
      share: 1,
    });
    for (let id = 1; id <= 3; id++) p.enqueue(view(id), 0, 'spawned');
    expect(drive(p.admit(1)).share).toBe(2 / 4);
    expect(drive(p.admit(4)).share).toBe(2 / 4);
  });

  test("stride: cpus x the client's tickets over the ready tickets plus its own", () => {
    const p = new StridePolicy({ cpus: 1, quantumTicks: 5 });
    p.enqueue(view(1, 3), 0, 'spawned');
    expect(drive(p.admit(1)).share).toBe(100 / 400);
    expect(drive(p.admit(3)).share).toBe(300 / 600);
    expect(drive(p.admit(1)).effects).toEqual([{ kind: 'compute', ticks: ADMIT_TICKS }]);
  });
});

describe('a scheduler swap holds an admit arriving in block', () => {
  /*
   * Hand-checked on one CPU, quantum 5, ADMIT_TICKS 15. a enters admit at
   * tick 1 (before the swap: untracked); the swap is requested at 3 and
   * forward lasts until a's call returns (37: a shares the CPU with b and c
   * from 6 and 26), so block starts at 38. b (entered 6) and c (entered 26)
   * entered in forward: tracked, block waits for them. d, spawned at 40,
   * enters admit at 47, in block: held (call 29). c's call ends, transfer at
   * 54 (1 tick), complete at 55: d is released at 55 after 8 ticks and its
   * call reaches StridePolicy (version 2) at 56. The dispatcher's plain calls
   * kept reaching round robin up to the transfer, and none was held.
   */
  test('tick-exact', () => {
    const sim = createSimulation({ seed: 1, cpus: 1, quantumTicks: 5 });
    const policy = sim.scheduler as unknown as RoundRobinPolicy;
    const entered = new Map<string, number>();
    const reached: string[] = [];
    sim.select('call.entered').subscribe((e) => {
      if (e.method === 'admit') entered.set(`t${e.thread}`, e.tick);
    });
    sim.select('call.reached').subscribe((e) => {
      if (e.call === 29) reached.push(`${e.tick} v${e.version} ${e.impl}`);
    });
    const held: string[] = [];
    sim
      .select('swap.call-held')
      .subscribe((e) => held.push(`held ${e.call} t${e.thread} @${e.tick}`));
    sim
      .select('swap.call-released')
      .subscribe((e) => held.push(`released ${e.call} @${e.tick} after ${e.heldTicks}`));
    const spawnAt = (tick: number, name: string, weight: number) =>
      sim.at(
        tick,
        () =>
          sim.spawn(
            name,
            function* () {
              yield* policy.admit(weight);
            },
            { weight },
          ),
        name,
      );
    spawnAt(0, 'a', 1);
    let swap: Swap | null = null;
    sim.at(3, () => void (swap = sim.hotswap(sim.scheduler, StridePolicy)), 'swap');
    spawnAt(4, 'b', 2);
    spawnAt(20, 'c', 4);
    spawnAt(40, 'd', 4);
    expect(sim.run().outcome).toBe('passed');
    const s = swap as unknown as Swap;
    expect(s.outcome).toBe('completed');
    expect(s.phaseTicks).toEqual({
      negotiate: 0,
      forward: 35,
      block: 16,
      transfer: 1,
      complete: 25,
    });
    expect([...entered]).toEqual([
      ['t1', 1],
      ['t2', 6],
      ['t3', 26],
      ['t4', 47],
    ]);
    expect(held).toEqual(['held 29 t4 @47', 'released 29 @55 after 8']);
    expect(s.held).toBe(1);
    expect(reached).toEqual(['56 v2 StridePolicy']);
  });
});
