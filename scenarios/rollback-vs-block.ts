/**
 * rollback-vs-block: updating at transaction boundaries, by rolling back or
 * by blocking. A bank's accounts object is hot-swapped at tick 20 while
 * three tellers are in the middle of transfer transactions (withdraw, a
 * 40-tick fraud check, deposit) and a cashier is in the middle of a payout
 * whose cash has already been handed out (`tx.irrevocable`).
 *
 * Under the default strategy here, rollback, new calls are held and every
 * transfer that reached the old accounts is rolled back (its withdraw undone
 * through the journal the accounts object keeps) and retried wholly on the
 * new version (the journal is logical: the class declares how to undo each
 * method), so the swap does not wait out the fraud checks; the payout
 * cannot be rolled back, so the swap blocks until it commits. No transaction
 * sees two versions, money is conserved and every transfer and payout lands
 * exactly once. Under strategies that know nothing of transactions
 * (`--strategy block-all`, `quiescence`, `naive`) a transfer withdraws on
 * the old version and deposits on the new one: the 'transactions' checker
 * names it (`kernel-sim check rollback-vs-block --strategy block-all`).
 *
 * Run: `kernel-sim scenario rollback-vs-block.ts --report rollback.html`
 */
import {
  compute,
  defineScenario,
  sleep,
  type ObjectRef,
  type Op,
  type SimulationEvent,
  type Stamped,
  type Swap,
  SWAP_STOPPING_FAULTS,
} from 'kernel-sim';

class Accounts {
  protected balances: number[] = [1000, 1000, 1000, 1000];
  /**
   * How to undo each method (the accounts' journal is logical: other
   * tellers' transfers touch the same balances in between, so restoring a
   * before-image would erase them).
   */
  static undo = {
    withdraw(this: Accounts, account: number, amount: number): void {
      this.balances[account] += amount;
    },
    deposit(this: Accounts, account: number, amount: number): void {
      this.balances[account] -= amount;
    },
  };
  *withdraw(account: number, amount: number): Op<void> {
    yield* compute(2);
    this.balances[account] -= amount;
  }
  *deposit(account: number, amount: number): Op<void> {
    yield* compute(2);
    this.balances[account] += amount;
  }
  all(): readonly number[] {
    return this.balances;
  }
  exportFormats(): readonly string[] {
    return ['balances'];
  }
  exportState(): number[] {
    return [...this.balances];
  }
  importFormats(): readonly string[] {
    return ['balances'];
  }
  importState(_f: string, state: unknown): void {
    this.balances = [...(state as number[])];
  }
}
class AccountsV2 extends Accounts {}

const TELLERS = 3;
const TRANSFERS = 3;
const FRAUD_CHECK_TICKS = 40;
const PAYOUT = 50;
const SWAP_TICK = 20;

type TxEvent = Stamped<Extract<SimulationEvent, { type: `transaction.${string}` }>>;

interface Ctx {
  readonly accounts: ObjectRef<Accounts>;
  readonly swap: { handle: Swap | null };
  readonly done: { transfers: number; payouts: number };
  /** Transfers committed per teller. */
  readonly perTeller: number[];
  readonly tx: TxEvent[];
}

/** Teller i moves 10*(i+1) from account i to account i+1, TRANSFERS times. */
function expectedBalances(payouts: number, transfers: readonly number[]): number[] {
  const b = [1000, 1000, 1000, 1000];
  for (let i = 0; i < TELLERS; i++) {
    b[i] -= 10 * (i + 1) * transfers[i];
    b[i + 1] += 10 * (i + 1) * transfers[i];
  }
  b[3] -= PAYOUT * payouts;
  return b;
}

export default defineScenario<Ctx>({
  name: 'rollback-vs-block',
  description:
    'a swap during transactions: rollback undoes and retries the revocable transfers on the new version and blocks only for the irrevocable payout; no transaction sees two versions, money is conserved, every transaction lands once',
  options: { cpus: 2, quantumTicks: 10, ticksMax: 20_000, swapStrategy: 'rollback' },
  setup(sim) {
    const accounts = sim.objects.createNamed('accounts', Accounts);
    const ctx: Ctx = {
      accounts,
      swap: { handle: null },
      done: { transfers: 0, payouts: 0 },
      perTeller: Array.from({ length: TELLERS }, () => 0),
      tx: [],
    };
    sim.events$.subscribe((e) => {
      if (e.type.startsWith('transaction.')) ctx.tx.push(e as TxEvent);
    });
    for (let i = 0; i < TELLERS; i++)
      sim.spawn(`teller-${i}`, function* () {
        for (let k = 0; k < TRANSFERS; k++) {
          try {
            yield* sim.transaction(`transfer-${i}.${k}`, function* () {
              yield* accounts.withdraw(i, 10 * (i + 1));
              yield* sleep(FRAUD_CHECK_TICKS);
              yield* accounts.deposit(i + 1, 10 * (i + 1));
            });
            ctx.perTeller[i]++;
            ctx.done.transfers++;
          } catch {
            continue; // an injected fault (check --faults): the transfer was undone
          }
        }
      });
    sim.spawn('cashier', function* () {
      yield* sleep(5);
      try {
        yield* sim.transaction('payout', function* (tx) {
          yield* accounts.withdraw(3, PAYOUT);
          tx.irrevocable('cash handed out');
          yield* sleep(FRAUD_CHECK_TICKS);
        });
        ctx.done.payouts++;
      } catch {
        // an injected fault after the cash went out: the withdraw stays
      }
    });
    sim.at(SWAP_TICK, () => (ctx.swap.handle = sim.hotswap(accounts, AccountsV2)), 'swap accounts');
    return ctx;
  },
  // Under faults: a swap-stopping fault may roll the swap back; a transfer an injected fault hit
  // is undone and not counted, so the balances must match the transfers that committed (when
  // the payout committed too: a fault after its irrevocable step keeps the withdraw uncounted);
  // the rollback and block timing claims need a run no fault touched.
  faultAware: true,
  expect(_result, _sim, ctx, info) {
    const swap = ctx.swap.handle;
    const stopped = SWAP_STOPPING_FAULTS.some((site) => info.fired(site));
    if (swap?.outcome !== 'completed' && !stopped)
      throw new Error(`the swap should complete, but it is ${swap?.outcome}: ${swap?.reason}`);
    if (info.faulted) {
      if (info.fired('destroy-during-swap') || ctx.done.payouts !== 1) return;
      if (swap?.outcome === 'completed' && swap.strategy.name === 'naive') return;
      const want = expectedBalances(1, ctx.perTeller).join();
      const got = ctx.accounts.all().join();
      if (got !== want)
        throw new Error(`balances are [${got}], expected [${want}] after the committed transfers`);
      return;
    }
    if (swap?.outcome !== 'completed') return;
    if (ctx.done.transfers !== TELLERS * TRANSFERS || ctx.done.payouts !== 1)
      throw new Error(
        `${ctx.done.transfers} of ${TELLERS * TRANSFERS} transfers and ${ctx.done.payouts} of 1 payout committed`,
      );
    const want = expectedBalances(1, ctx.perTeller).join();
    const got = ctx.accounts.all().join();
    if (swap.strategy.name === 'naive') return; // naive may lose a call: its lesson
    if (got !== want)
      throw new Error(
        `balances are [${got}], expected [${want}]: a transaction landed twice or not at all`,
      );
    if (swap.strategy.name !== 'rollback') return;
    const rolled = ctx.tx.filter((e) => e.type === 'transaction.rolled-back');
    if (rolled.length < TELLERS || rolled.some((e) => !nameOf(ctx, e).startsWith('transfer-')))
      throw new Error(
        `the swap should roll back each teller's transfer in flight (${TELLERS}), but rolled back ${rolled.length}`,
      );
    const commit = ctx.tx.find(
      (e) => e.type === 'transaction.committed' && nameOf(ctx, e) === 'payout',
    );
    const completeTick = swap.phaseStart.complete ?? -1;
    if (commit === undefined || completeTick < commit.tick)
      throw new Error(
        `the swap should block until the irrevocable payout commits (tick ${commit?.tick}), but completed at tick ${completeTick}`,
      );
    const blockTicks = swap.phaseTicks.block ?? 0;
    if (blockTicks >= FRAUD_CHECK_TICKS + 5)
      throw new Error(`block lasted ${blockTicks} ticks: the swap waited out a fraud check`);
  },
  summary(_result, _sim, ctx) {
    const s = ctx.swap.handle;
    const rolled = ctx.tx.filter((e) => e.type === 'transaction.rolled-back');
    const lost = rolled.reduce((n, e) => n + ('ticksLost' in e ? e.ticksLost : 0), 0);
    return [
      `strategy ${s?.strategy.name}: swap ${s?.outcome}, block ${s?.phaseTicks.block ?? '-'} ticks`,
      `${rolled.length} transactions rolled back (${lost} ticks of work), balances [${ctx.accounts.all().join(', ')}]`,
    ];
  },
});

/** The name of the transaction an event is about (from its begun event). */
function nameOf(ctx: Ctx, e: TxEvent): string {
  const begun = ctx.tx.find((b) => b.type === 'transaction.begun' && b.tx === e.tx);
  return begun !== undefined && begun.type === 'transaction.begun' ? begun.name : '';
}
