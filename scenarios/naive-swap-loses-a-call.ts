/**
 * naive-swap-loses-a-call: why K42 waits before it moves state. An account
 * takes a slow deposit that reads the balance, works, then writes it back
 * (clerks later make atomic credits). A 'payroll' thread enters a long deposit at tick 0; at tick 5, while
 * that deposit is still inside the old account, the account is hot-swapped.
 *
 * Under the default strategy (quiescence, K42) the swap waits in forward
 * until payroll has left, so its deposit lands on the old account before the
 * balance is copied: every deposit counts. Under `--strategy naive` the swap
 * copies the balance at once: payroll's deposit finishes on the old account,
 * after the copy, and is lost; the transfer checker names it as a torn call
 * (`kernel-sim check naive-swap-loses-a-call --strategy naive`). The
 * expectation asserts both: the full balance by default, exactly the
 * payroll deposit missing under naive.
 *
 * Run: `kernel-sim scenario naive-swap-loses-a-call.ts --strategy naive --report naive.html`
 */
import {
  compute,
  defineScenario,
  sleep,
  SWAP_STOPPING_FAULTS,
  type ObjectRef,
  type Op,
  type Swap,
} from 'kernel-sim';

class Account {
  protected balance = 0;
  *deposit(amount: number, workTicks: number): Op<number> {
    const before = this.balance;
    yield* compute(workTicks);
    this.balance = before + amount;
    return this.balance;
  }
  /** An atomic deposit (a plain method: never in flight across a preemption). */
  credit(amount: number): number {
    this.balance += amount;
    return this.balance;
  }
  read(): number {
    return this.balance;
  }
  exportFormats(): readonly string[] {
    return ['balance'];
  }
  exportState(): number {
    return this.balance;
  }
  importFormats(): readonly string[] {
    return ['balance'];
  }
  importState(_f: string, state: unknown): void {
    this.balance = state as number;
  }
}
class AccountV2 extends Account {}

const PAYROLL = 1000;
const CLERKS = 6;

interface Ctx {
  readonly account: ObjectRef<Account>;
  readonly swap: { handle: Swap | null };
  /** What returned: the payroll deposit, the clerks' credits (under faults some never do). */
  readonly done: { payroll: boolean; credits: number };
}

export default defineScenario<Ctx>({
  name: 'naive-swap-loses-a-call',
  description:
    'an account swapped while a deposit is inside it: quiescence keeps the deposit, naive loses it (a torn call)',
  options: { cpus: 2, quantumTicks: 10, ticksMax: 20_000 },
  setup(sim) {
    const account = sim.objects.createNamed('account', Account);
    const ctx: Ctx = { account, swap: { handle: null }, done: { payroll: false, credits: 0 } };
    sim.spawn('payroll', function* () {
      yield* account.deposit(PAYROLL, 30);
      ctx.done.payroll = true;
    });
    sim.workload({
      name: 'clerk',
      threads: CLERKS,
      meanGapTicks: 20,
      startTick: 60,
      lifetime: { kind: 'fixed', ticks: 0 },
      body: function* ({ prng }): Op<void> {
        yield* sleep(prng.int(0, 5));
        account.credit(1);
        ctx.done.credits++;
      },
    });
    sim.at(5, () => (ctx.swap.handle = sim.hotswap(ctx.account, AccountV2)), 'swap the account');
    return ctx;
  },
  // Under faults: a swap-stopping fault may roll the swap back (the old object serves on, nothing
  // lost); an injected fault may stop a deposit or credit before it returns (it never wrote).
  faultAware: true,
  expect(_result, sim, ctx, info) {
    const swap = ctx.swap.handle;
    const stopped = SWAP_STOPPING_FAULTS.some((site) => info.fired(site));
    if (swap?.outcome !== 'completed' && !stopped)
      throw new Error(`the swap should complete, but it is ${swap?.outcome}: ${swap?.reason}`);
    if (info.fired('destroy-during-swap')) return; // the account itself is gone
    const naive = swap?.outcome === 'completed' && swap.strategy.name === 'naive';
    const payroll = info.faulted ? (ctx.done.payroll ? PAYROLL : 0) : PAYROLL;
    const credits = info.faulted ? ctx.done.credits : CLERKS;
    const expected = naive ? credits : payroll + credits;
    const balance = ctx.account.read();
    if (balance !== expected)
      throw new Error(
        naive
          ? `under naive the payroll deposit should be lost (balance ${credits}), but the balance is ${balance}`
          : `balance is ${balance}, expected ${expected}: a deposit was lost or doubled`,
      );
    void sim;
  },
  summary(_result, _sim, ctx) {
    return [`strategy ${ctx.swap.handle?.strategy.name}: balance ${ctx.account.read()}`];
  },
});
