/**
 * K42 fidelity of the swap protocol, tick-exact: the one-swap-per-object lock
 * (K42's GTE word), the recursive call forwarded in block (deadlock
 * avoidance) and method-type stubs (a held call released through a stub).
 * Every expected tick was worked out by hand first (the comments) and then
 * checked against the run.
 *
 * Timing rules used (as in test/hotswap/walkthrough.test.ts): the event
 * detector, quantum 100 and enough CPUs that nobody waits for one. A thread
 * spawned at t first runs at t; a generator call costs one boundary tick on
 * entry and one on exit (src/translation-table/call-paths.ts callOp);
 * `compute(n)` takes n ticks. Forward ends when the threads alive at the
 * request have exited; block ends when the calls tracked in forward have
 * returned; the transfer takes one tick, then complete releases the held calls.
 * The last test runs the same protocol under K42's own detector (generation
 * polls, the rules of test/quiescence/k42-fidelity.test.ts).
 */
import { describe, expect, test } from 'vitest';
import { compute, createSimulation, type Op, type Simulation, type Swap } from 'kernel-sim';

class Account {
  balance = 0;
  self: any;
  *deposit(n: number): Op<number> {
    yield* compute(6);
    return (this.balance += n);
  }
  /** Calls itself through its own ref (set in `self`) after 4 ticks. */
  *walk(depth: number): Op<number> {
    yield* compute(4);
    if (depth > 0) yield* this.self.walk(depth - 1);
    return depth;
  }
  exportFormats() {
    return ['balance'];
  }
  exportState() {
    return this.balance;
  }
  importFormats() {
    return ['balance'];
  }
  importState(_f: string, s: unknown) {
    this.balance = s as number;
  }
}
class AccountV2 extends Account {}

/** An Account whose walk computes 10 ticks before recursing. */
class Walker extends Account {
  override *walk(depth: number): Op<number> {
    yield* compute(10);
    if (depth > 0) yield* this.self.walk(depth - 1);
    return depth;
  }
}
class WalkerV2 extends Walker {}

/** V1's interface; V2 renames both methods and changes their signatures. */
class V1 {
  n = 0;
  get(): number {
    return this.n;
  }
  *bump(by: number): Op<number> {
    yield* compute(6);
    return (this.n += by);
  }
  exportFormats() {
    return ['n'];
  }
  exportState() {
    return this.n;
  }
  importFormats() {
    return ['n'];
  }
  importState(_f: string, s: unknown) {
    this.n = s as number;
  }
}
class V2 {
  value = 0;
  read(): { value: number } {
    return { value: this.value };
  }
  *increase(opts: { amount: number }): Op<number> {
    yield* compute(6);
    return (this.value += opts.amount);
  }
  exportFormats() {
    return ['n'];
  }
  exportState() {
    return this.value;
  }
  importFormats() {
    return ['n'];
  }
  importState(_f: string, s: unknown) {
    this.value = s as number;
  }
}

function eventSim(cpus: number): Simulation {
  return createSimulation({
    seed: 1,
    cpus,
    quantumTicks: 100,
    detector: 'event',
    hashEvents: false,
  });
}

/** The swap's events and the calls on object `id`, one line each. */
function logOf(sim: Simulation, id: number): string[] {
  const lines: string[] = [];
  sim.events$.subscribe((e) => {
    if (e.type === 'call.entered' && e.object === id)
      lines.push(`${e.tick} entered #${e.call} ${e.method} t${e.thread}`);
    else if (e.type === 'call.reached' && e.object === id)
      lines.push(`${e.tick} reached #${e.call} ${e.impl}`);
    else if (e.type === 'call.exited' && e.object === id) lines.push(`${e.tick} exited #${e.call}`);
    else if (e.type === 'swap.phase-changed') lines.push(`${e.tick} swap${e.swap} ${e.phase}`);
    else if (e.type === 'swap.refused') lines.push(`${e.tick} swap${e.swap} refused: ${e.reason}`);
    else if (e.type === 'swap.call-held') lines.push(`${e.tick} held #${e.call}`);
    else if (e.type === 'swap.call-released')
      lines.push(`${e.tick} released #${e.call} after ${e.heldTicks}`);
    else if (
      e.type.startsWith('swap.') ||
      (e.type.startsWith('quiescence.') && e.type !== 'quiescence.token-passed')
    )
      lines.push(`${e.tick} ${e.type}`);
  });
  return lines;
}

const busy = (n: number) =>
  `object 'account' (${n === 4 ? 'AccountV2' : 'Account'}, id 2) is already being swapped by swap 1 (phase ${
    ['forward', 'block', 'transfer'][n - 2]
  }); one swap per object at a time`;

describe('K42 swap protocol fidelity (hand-checked ticks)', () => {
  test('the one-swap lock: a swap requested while another holds the object is refused at its request tick in every phase; the next one after done is accepted', () => {
    // Two CPUs. early (t1, spawned 0): deposit entered at 1, computes 1..7, exits at 7,
    // thread exits at 8 (exit boundary). tracked (t2, spawned 4 on the idle CPU): entered
    // at 5, in forward (tracked), exits at 11.
    // swap 1 at 3: forward until early's thread exits (8), block until tracked's call
    // returns (11), transfer 11 (retargets to AccountV2), complete 12; nobody is left in
    // the old object, so the old-destroy wait is reached at once: done at 12.
    // Requests at 5 (forward), 9 (block), 12 (the action runs before the swap's step at
    // 12: still transfer, and the entry already names AccountV2) are refused at their tick
    // naming swap 1 and its phase. The request at 20 finds the lock free: nothing is
    // inside, so forward, block and transfer all happen at 20, complete and done at 21.
    const sim = eventSim(2);
    const acct = sim.objects.createNamed('account', Account);
    const log = logOf(sim, acct.$id);
    sim.spawn('early', function* () {
      yield* acct.deposit(10);
    });
    sim.at(4, () =>
      sim.spawn('tracked', function* () {
        yield* acct.deposit(20);
      }),
    );
    const swaps: Swap[] = [];
    for (const t of [3, 5, 9, 12, 20])
      sim.at(t, () => void swaps.push(sim.hotswap(acct, AccountV2)));
    expect(sim.run().outcome).toBe('passed');
    expect(log).toEqual([
      '1 entered #3 deposit t1',
      '1 reached #3 Account',
      '3 swap.requested',
      '3 swap1 forward',
      '3 quiescence.requested',
      '5 swap.requested',
      '5 swap2 done',
      `5 swap2 refused: ${busy(2)}`,
      '5 entered #6 deposit t2',
      '5 reached #6 Account',
      '7 exited #3',
      '8 quiescence.reached',
      '8 swap1 block',
      '9 swap.requested',
      '9 swap3 done',
      `9 swap3 refused: ${busy(3)}`,
      '11 exited #6',
      '11 swap1 transfer',
      '11 swap.transferred',
      '12 swap.requested',
      '12 swap4 done',
      `12 swap4 refused: ${busy(4)}`,
      '12 swap1 complete',
      '12 swap.completed',
      '12 quiescence.requested',
      '12 quiescence.reached',
      '12 swap.old-destroyed',
      '12 swap1 done',
      '20 swap.requested',
      '20 swap5 forward',
      '20 quiescence.requested',
      '20 quiescence.reached',
      '20 swap5 block',
      '20 swap5 transfer',
      '20 swap.transferred',
      '21 swap5 complete',
      '21 swap.completed',
      '21 quiescence.requested',
      '21 quiescence.reached',
      '21 swap.old-destroyed',
      '21 swap5 done',
    ]);
    expect(swaps.map((s) => s.outcome)).toEqual([
      'completed',
      'refused',
      'refused',
      'refused',
      'completed',
    ]);
    expect(sim.objects.info(acct).version).toBe(3);
  });

  test('block forwards a recursive call from a thread already inside (no deadlock) and holds a fresh call entering the same tick', () => {
    // Three CPUs. early (t1): deposit 1..7, thread exits 8. swap at 3: forward until 8.
    // rec (t2, spawned 4): walk(1) entered at 5 in forward (tracked), computes 5..9; its
    // recursive walk(0) pays the entry boundary 9 -> 10 and enters at 10, in block: the
    // thread is inside the object, so the call is forwarded to Account (reached at 10),
    // not held. It computes 10..14, exits 14; the outer walk exits at 15 (boundary).
    // late (t3, spawned 9): deposit enters at 10 in block from outside: held at 10.
    // Block ends when the tracked walk returns (15): transfer 15, complete 16, late's call
    // released at 16 after 6 ticks and reaches AccountV2 at 16; it computes 16..22, exits
    // 22, its thread exits 23: the old-destroy wait is reached at 23.
    // Had the recursive call been held, rec would wait for block, block for rec: deadlock.
    const sim = eventSim(3);
    const acct = sim.objects.createNamed('account', Account);
    sim.objects.peek(acct).self = acct;
    const log = logOf(sim, acct.$id);
    sim.spawn('early', function* () {
      yield* acct.deposit(10);
    });
    let swap!: Swap;
    sim.at(3, () => void (swap = sim.hotswap(acct, AccountV2)));
    sim.at(4, () =>
      sim.spawn('rec', function* () {
        yield* acct.walk(1);
      }),
    );
    sim.at(9, () =>
      sim.spawn('late', function* () {
        yield* acct.deposit(5);
      }),
    );
    expect(sim.run().outcome).toBe('passed');
    expect(log).toEqual([
      '1 entered #3 deposit t1',
      '1 reached #3 Account',
      '3 swap.requested',
      '3 swap1 forward',
      '3 quiescence.requested',
      '5 entered #6 walk t2',
      '5 reached #6 Account',
      '7 exited #3',
      '8 quiescence.reached',
      '8 swap1 block',
      '10 entered #11 walk t2',
      '10 reached #11 Account',
      '10 entered #12 deposit t3',
      '10 held #12',
      '14 exited #11',
      '15 exited #6',
      '15 swap1 transfer',
      '15 swap.transferred',
      '16 swap1 complete',
      '16 released #12 after 6',
      '16 swap.completed',
      '16 quiescence.requested',
      '16 reached #12 AccountV2',
      '22 exited #12',
      '23 quiescence.reached',
      '23 swap.old-destroyed',
      '23 swap1 done',
    ]);
    expect(swap.outcome).toBe('completed');
    // forwarded: the tracked walk (#6) and its recursive call (#11); held: late's deposit.
    expect([swap.forwarded, swap.held]).toEqual([2, 1]);
    expect(swap.phaseTicks).toEqual({
      negotiate: 0,
      forward: 5,
      block: 7,
      transfer: 1,
      complete: 7,
    });
  });

  test('stubs: a call held in block on the old interface is released through its stub into the new implementation at complete', () => {
    // The walk-through's timing (test/hotswap/walkthrough.test.ts), V1 -> V2 with stubs
    // bump(by) -> increase({ amount: by }) and get() -> read().value. Three CPUs.
    // early (t1): bump(1) 1..7 on V1 (n = 1). swap at 3: forward until early exits (8).
    // tracked (t2, spawned 4): bump(10) entered at 5 (tracked), V1, exits 11 (n = 11).
    // held (t3, spawned 6): compute 6..8, boundary, bump(100) enters at 9 in block: held.
    // Block ends at 11: transfer (n = 11 -> value = 11), complete at 12: the held bump is
    // released after 3 ticks, reaches V2 through the stub at 12, computes 12..18 and
    // exits at 18 returning 111 (its thread resumes at 19, after the exit boundary);
    // old-destroy at 19. after (t4, spawned 25): get() at 25 reaches V2 through the get
    // stub: 111.
    const sim = eventSim(3);
    const ref = sim.objects.createNamed('counter', V1);
    const log = logOf(sim, ref.$id);
    const got: string[] = [];
    sim.spawn('early', function* () {
      got.push(`early ${yield* ref.bump(1)}`);
    });
    let swap!: Swap;
    sim.at(
      3,
      () =>
        void (swap = sim.hotswap(ref, V2, {
          stubs: {
            get: (t) => () => t.read().value,
            bump: (t) => (by: number) => t.increase({ amount: by }),
          },
        })),
    );
    sim.at(4, () =>
      sim.spawn('tracked', function* () {
        got.push(`tracked ${yield* ref.bump(10)}`);
      }),
    );
    sim.at(6, () =>
      sim.spawn('held', function* () {
        yield* compute(2);
        got.push(`held ${yield* ref.bump(100)} at ${sim.kernel.now}`);
      }),
    );
    sim.at(25, () =>
      sim.spawn('after', function* () {
        got.push(`get ${ref.get()} at ${sim.kernel.now}`);
      }),
    );
    expect(sim.run().outcome).toBe('passed');
    expect(swap.outcome, swap.reason).toBe('completed');
    expect(log).toEqual([
      '1 entered #3 bump t1',
      '1 reached #3 V1',
      '3 swap.requested',
      '3 swap1 forward',
      '3 quiescence.requested',
      '5 entered #6 bump t2',
      '5 reached #6 V1',
      '7 exited #3',
      '8 quiescence.reached',
      '8 swap1 block',
      '9 entered #10 bump t3',
      '9 held #10',
      '11 exited #6',
      '11 swap1 transfer',
      '11 swap.transferred',
      '12 swap1 complete',
      '12 released #10 after 3',
      '12 swap.completed',
      '12 quiescence.requested',
      '12 reached #10 V2',
      '18 exited #10',
      '19 quiescence.reached',
      '19 swap.old-destroyed',
      '19 swap1 done',
      '25 entered #21 get t4',
      '25 reached #21 V2',
      '25 exited #21',
    ]);
    expect(got).toEqual(['early 1', 'tracked 11', 'held 111 at 19', 'get 111 at 25']);
  });

  test("under the k42 detector: forward ends when every CPU's generation marker elapses, and a recursive call in block is still forwarded", () => {
    // Two CPUs, k42 detector, pollTicks 10, per-CPU swap wait (the default). Walker.walk
    // computes 10 ticks before recursing. early (CPU 0): deposit 1..7, thread exits 8.
    // swap at 3: markers on both CPUs, polled at 3: cpu0 folds early (gen 1), the 2nd
    // advance fails; cpu1 is idle: gen 1, 2, its marker elapsed at 3.
    // rec (CPU 1, spawned 4): walk(1) enters at 5, in forward (tracked), computes 5..15.
    // poll 13: cpu0 gen 2, 3 (early gone at 8): every marker elapsed, block at 13.
    // rec's recursive walk(0) enters at 16 (entry boundary), in block, from a thread
    // inside: forwarded to Walker at 16; computes 16..26, exits 26, the outer walk 27.
    // late (CPU 0, spawned 15): deposit enters at 16 from outside: held.
    // Block ends at 27: transfer 27, complete 28: late's call released after 12 ticks,
    // reaches WalkerV2 at 28, computes 28..34, exits 34 (late's thread exits 35).
    // The old object's destruction waits on the token ring (as objects.destroy does,
    // test/translation-table/k42-table-ticks.test.ts), global 2, needs 4; the token starts
    // at cpu0 with marker gen 3. poll 28: cpu0 folds late (gen 4), the 2nd advance fails.
    // poll 38: cpu0 gen 5, 6 -> token 0->1 (global 2); cpu1 (rec gone at 28) gen 3, 4 ->
    // token 1->0, global 3. poll 48: another round, global 4: old object destroyed, done 48.
    const sim = createSimulation({
      seed: 1,
      cpus: 2,
      quantumTicks: 100,
      detector: 'k42',
      pollTicks: 10,
      hashEvents: false,
    });
    const acct = sim.objects.createNamed('account', Walker);
    sim.objects.peek(acct).self = acct;
    const log = logOf(sim, acct.$id);
    sim.events$.subscribe((e) => {
      if (e.type === 'generation.advanced') log.push(`${e.tick} cpu${e.cpu} gen=${e.generation}`);
      if (e.type === 'generation.advance-failed') log.push(`${e.tick} cpu${e.cpu} failed`);
      if (e.type === 'quiescence.token-passed')
        log.push(`${e.tick} token ${e.from}->${e.to} global=${e.global}`);
      if (e.type === 'thread.exited') log.push(`${e.tick} exit t${e.thread}`);
    });
    sim.spawn(
      'early',
      function* () {
        yield* acct.deposit(10);
      },
      { cpu: 0 },
    );
    let swap!: Swap;
    sim.at(3, () => void (swap = sim.hotswap(acct, WalkerV2)));
    sim.at(4, () =>
      sim.spawn(
        'rec',
        function* () {
          yield* acct.walk(1);
        },
        { cpu: 1 },
      ),
    );
    sim.at(15, () =>
      sim.spawn(
        'late',
        function* () {
          yield* acct.deposit(5);
        },
        { cpu: 0 },
      ),
    );
    expect(sim.run().outcome).toBe('passed');
    expect(log).toEqual([
      '1 entered #3 deposit t1',
      '1 reached #3 Walker',
      '3 swap.requested',
      '3 swap1 forward',
      '3 quiescence.requested',
      '3 cpu0 gen=1',
      '3 cpu0 failed',
      '3 cpu1 gen=1',
      '3 cpu1 gen=2',
      '5 entered #6 walk t2',
      '5 reached #6 Walker',
      '7 exited #3',
      '8 exit t1',
      '13 cpu0 gen=2',
      '13 cpu0 gen=3',
      '13 quiescence.reached',
      '13 swap1 block',
      '16 entered #11 walk t2',
      '16 reached #11 Walker',
      '16 entered #12 deposit t3',
      '16 held #12',
      '26 exited #11',
      '27 exited #6',
      '27 swap1 transfer',
      '27 swap.transferred',
      '28 exit t2',
      '28 swap1 complete',
      '28 released #12 after 12',
      '28 swap.completed',
      '28 quiescence.requested',
      '28 reached #12 WalkerV2',
      '28 cpu0 gen=4',
      '28 cpu0 failed',
      '34 exited #12',
      '35 exit t3',
      '38 cpu0 gen=5',
      '38 cpu0 gen=6',
      '38 token 0->1 global=2',
      '38 cpu1 gen=3',
      '38 cpu1 gen=4',
      '38 token 1->0 global=3',
      '48 cpu0 gen=7',
      '48 cpu0 gen=8',
      '48 token 0->1 global=3',
      '48 cpu1 gen=5',
      '48 cpu1 gen=6',
      '48 token 1->0 global=4',
      '48 quiescence.reached',
      '48 swap.old-destroyed',
      '48 swap1 done',
    ]);
    expect([swap.outcome, swap.forwarded, swap.held]).toEqual(['completed', 2, 1]);
    expect(swap.phaseTicks).toEqual({
      negotiate: 0,
      forward: 10,
      block: 14,
      transfer: 1,
      complete: 20,
    });
  });
});
