/**
 * Per-CPU swap mediation (SwapOptions.mediation / SimulationOptions.
 * swapMediation 'per-cpu', src/hotswap/cpu-mediation.ts), K42's
 * CObjRootMediator with a mediator rep per VP, tick-exact.
 *
 * Timing rules (as in test/hotswap/k42-swap-ticks.test.ts): the event
 * detector, quantum 100, a thread per CPU (spawned with a CPU hint, so none
 * waits or moves). A thread spawned at t first runs at t; a generator call
 * costs one boundary tick on entry and one on exit; compute(n) takes n ticks;
 * a thread exits one tick after its body returns. A CPU's forward ends when
 * the threads counted on it at the request have exited (its own marker).
 *
 * The scene: a (cpu 0) deposits at 1..7 and exits at 8; b (cpu 1) deposits
 * at 1..7, computes 7..17 and exits at 18; the swap is asked for at 3; c is
 * spawned on cpu 2 at 4 and calls deposit at 5. CPUs 0 and 1 reached the
 * object (a rep), CPU 2 did not.
 */
import { describe, expect, test } from 'vitest';
import {
  compute,
  createSimulation,
  type Op,
  type Simulation,
  type Swap,
  type SwapOptions,
} from 'kernel-sim';

class Account {
  balance = 0;
  *deposit(n: number): Op<number> {
    yield* compute(6);
    return (this.balance += n);
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

function logOf(sim: Simulation, id: number): string[] {
  const lines: string[] = [];
  sim.events$.subscribe((e) => {
    if (e.type === 'call.entered' && e.object === id)
      lines.push(`${e.tick} entered #${e.call} t${e.thread} cpu${e.cpu}`);
    else if (e.type === 'call.reached' && e.object === id)
      lines.push(`${e.tick} reached #${e.call} ${e.impl}`);
    else if (e.type === 'call.exited' && e.object === id) lines.push(`${e.tick} exited #${e.call}`);
    else if (e.type === 'swap.phase-changed') lines.push(`${e.tick} swap${e.swap} ${e.phase}`);
    else if (e.type === 'swap.cpu-phase')
      lines.push(`${e.tick} cpu${e.cpu} ${e.phase}${e.noRep ? ' (no rep)' : ''}`);
    else if (e.type === 'swap.call-held') lines.push(`${e.tick} held #${e.call}`);
    else if (e.type === 'swap.call-released')
      lines.push(`${e.tick} released #${e.call} after ${e.heldTicks}`);
    else if (e.type === 'thread.exited') lines.push(`${e.tick} t${e.thread} exited`);
  });
  return lines;
}

type Acct = ReturnType<Simulation['objects']['createNamed']> & Account;

/** The scene of the header under `mediation`; `more` adds to it before the run. */
function scene(
  mediation: 'global' | 'per-cpu',
  more?: (sim: Simulation, acct: Acct, swap: () => Swap) => void,
  options: SwapOptions = {},
  hashEvents = false,
) {
  const sim = createSimulation({
    seed: 1,
    cpus: 3,
    quantumTicks: 100,
    detector: 'event',
    hashEvents,
    swapMediation: mediation,
  });
  const acct = sim.objects.createNamed('account', Account) as Acct;
  const log = logOf(sim, acct.$id);
  sim.spawn(
    'a',
    function* () {
      yield* acct.deposit(1);
    },
    { cpu: 0 },
  );
  sim.spawn(
    'b',
    function* () {
      yield* acct.deposit(2);
      yield* compute(10);
    },
    { cpu: 1 },
  );
  sim.at(4, () =>
    sim.spawn(
      'c',
      function* () {
        yield* acct.deposit(4);
      },
      { cpu: 2 },
    ),
  );
  let swap!: Swap;
  sim.at(3, () => (swap = sim.hotswap(acct, AccountV2, options)));
  more?.(sim, acct, () => swap);
  const r = sim.run();
  return { r, log, swap, sim, acct };
}

const SCENE_LOG = {
  global: [
    '1 entered #5 t1 cpu0',
    '1 reached #5 Account',
    '1 entered #6 t2 cpu1',
    '1 reached #6 Account',
    '3 swap1 forward',
    '5 entered #9 t3 cpu2',
    '5 reached #9 Account',
    '7 exited #5',
    '7 exited #6',
    '8 t1 exited',
    '11 exited #9',
    '12 t3 exited',
    '18 t2 exited',
    '18 swap1 block',
    '18 swap1 transfer',
    '19 swap1 complete',
    '19 swap1 done',
  ],
  'per-cpu': [
    '1 entered #5 t1 cpu0',
    '1 reached #5 Account',
    '1 entered #6 t2 cpu1',
    '1 reached #6 Account',
    '3 swap1 forward',
    '3 cpu0 forward',
    '3 cpu1 forward',
    '3 cpu2 block (no rep)',
    '5 entered #9 t3 cpu2',
    '5 held #9',
    '7 exited #5',
    '7 exited #6',
    '8 t1 exited',
    '8 cpu0 block',
    '18 t2 exited',
    '18 cpu1 block',
    '18 swap1 block',
    '18 swap1 transfer',
    '19 swap1 complete',
    '19 released #9 after 14',
    '19 reached #9 AccountV2',
    '25 exited #9',
    '26 t3 exited',
    '26 swap1 done',
  ],
};

describe('per-CPU mediation (hand-checked ticks)', () => {
  test('a CPU with no rep starts in block: its call at forward time is held, where global mediation forwards it to the old object', () => {
    // global: c's call at 5 meets forward, is forwarded (reaches Account) and tracked;
    // it returns at 11; forward ends when b (alive at the request) exits at 18, block
    // finds nothing tracked: transfer 18, complete 19. Nothing held.
    // per-cpu: cpu 2 had no rep at 3, so it starts in block: c's call at 5 is held.
    // The swap leaves forward when the last CPU (1) does, at 18; transfer 18, complete
    // 19 releases #9 after 14 ticks into AccountV2 (5 + 1 + 6 = 25 it exits).
    for (const m of ['global', 'per-cpu'] as const) {
      const { r, log } = scene(m);
      expect(r.outcome).toBe('passed');
      expect(log).toEqual(SCENE_LOG[m]);
    }
  });

  test('CPUs leave forward at different ticks, each on its own marker', () => {
    // cpu 0's only counted thread (a) exits at 8, cpu 1's (b) at 18.
    const { log } = scene('per-cpu');
    expect(log.filter((l) => / cpu\d (forward|block)/.test(l))).toEqual([
      '3 cpu0 forward',
      '3 cpu1 forward',
      '3 cpu2 block (no rep)',
      '8 cpu0 block',
      '18 cpu1 block',
    ]);
  });

  test('a CPU in block holds a call while another CPU is still in forward', () => {
    // d (cpu 0) calls at 10: cpu 0 left forward at 8, the swap is in forward until 18.
    const { log, swap } = scene('per-cpu', (sim, acct) =>
      sim.at(9, () =>
        sim.spawn(
          'd',
          function* () {
            yield* acct.deposit(8);
          },
          { cpu: 0 },
        ),
      ),
    );
    expect(log).toContain('10 entered #15 t4 cpu0');
    expect(log).toContain('10 held #15');
    expect(log).toContain('19 released #15 after 9');
    expect(swap.held).toBe(2);
    expect(swap.forwarded).toBe(0);
  });

  test('a swap vetoed at transfer releases every held call to the old object, which keeps serving', () => {
    // As the first test, but before() vetoes at 18: the swap aborts, #9 is released at
    // 18 after 13 ticks and reaches Account; the balance keeps every deposit.
    const { r, log, swap, sim, acct } = scene('per-cpu', undefined, { before: () => 'no' });
    expect(r.outcome).toBe('passed');
    expect(swap.outcome).toBe('aborted');
    expect(swap.reason).toBe('vetoed by before(): no');
    expect(log).toContain('18 released #9 after 13');
    expect(log).toContain('18 reached #9 Account');
    expect(log).not.toContain('19 swap1 complete');
    expect(sim.objects.info(acct).class).toBe('Account');
    expect(sim.objects.info(acct).version).toBe(1);
  });

  test('a swap cancelled in forward drops the per-CPU waits and releases the held call to the old object', () => {
    // cancel at 9: cpu 0 is in block, cpu 1 in forward; #9 (held since 5) goes to Account.
    const { r, log, swap } = scene('per-cpu', (sim, _acct, swapOf) =>
      sim.at(9, () => void swapOf().cancel()),
    );
    expect(r.outcome).toBe('passed');
    expect(swap.outcome).toBe('aborted');
    expect(log).toContain('9 released #9 after 4');
    expect(log).toContain('9 reached #9 Account');
    expect(log.some((l) => l.includes('cpu1 block'))).toBe(false);
  });

  test('an object no CPU has reached starts every CPU in block and swaps at its request tick', () => {
    const sim = createSimulation({ seed: 1, cpus: 3, detector: 'event', swapMediation: 'per-cpu' });
    const acct = sim.objects.createNamed('account', Account);
    let swap!: ReturnType<typeof sim.hotswap>;
    sim.at(3, () => (swap = sim.hotswap(acct, AccountV2)));
    sim.run();
    expect(swap.outcome).toBe('completed');
    expect(swap.phaseStart.transfer).toBe(3);
  });

  test('the swap option wins over the simulation option, and a bad name is refused naming it', () => {
    const { log } = scene('global', undefined, { mediation: 'per-cpu' });
    expect(log).toEqual(SCENE_LOG['per-cpu']);
    const sim = createSimulation({ cpus: 2 });
    const acct = sim.objects.createNamed('account', Account);
    expect(() => sim.hotswap(acct, AccountV2, { mediation: 'vp' as 'global' })).toThrow(
      "hotswap: option mediation must be one of global, per-cpu, got 'vp'",
    );
    expect(() => createSimulation({ swapMediation: 'vp' as 'global' })).toThrow(
      "option swapMediation must be one of global, per-cpu, got 'vp'",
    );
  });

  test('the same seed gives the same event hash; per-CPU and global runs differ', () => {
    const hash = (m: 'global' | 'per-cpu') => scene(m, undefined, {}, true).r.eventsHash;
    expect(hash('per-cpu')).toBe(hash('per-cpu'));
    expect(hash('per-cpu')).not.toBe(hash('global'));
  });
});
