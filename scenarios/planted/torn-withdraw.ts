/**
 * planted/torn-withdraw: a deliberately broken object, for measuring what a
 * schedule finds (docs/CHECKING.md, "Planted bugs"). An account's
 * withdraw() reads the balance, does some work, then writes the balance
 * less the amount: two withdrawals that overlap both read the same balance
 * and one debit is lost (an atomicity violation: read-modify-write across
 * a preemption point).
 *
 * One CPU and three clerks that withdraw, then sleep: under fifo a
 * withdrawal always ends within its quantum, so none overlap and every seed
 * passes. A schedule that preempts a clerk inside withdraw() (random's cut
 * quantum, a pct change point) lets another read the same balance, and the
 * expectation (balance = 1000 - withdrawn) fails.
 *
 * Run: `kernel-sim check scenarios/planted/torn-withdraw.ts --schedule pct`
 */
import { compute, defineScenario, sleep, type Op } from 'kernel-sim';

const CLERKS = 3;
const ROUNDS = 8;

class Account {
  balance = 1000;
  withdrawn = 0;
  *withdraw(n: number): Op<void> {
    const read = this.balance;
    yield* compute(2); // BUG: another withdraw may read the same balance meanwhile
    this.balance = read - n;
    this.withdrawn += n;
  }
}

export default defineScenario<{ account: Account }>({
  name: 'planted-torn-withdraw',
  description: 'PLANTED BUG: an account whose withdraw() reads, works, then writes the balance',
  options: { cpus: 1, quantumTicks: 4, ticksMax: 20_000 },
  setup(sim) {
    const ref = sim.objects.createNamed('account', Account);
    for (let c = 0; c < CLERKS; c++)
      sim.spawn(`clerk-${c}`, function* () {
        for (let i = 0; i < ROUNDS; i++) {
          yield* ref.withdraw(1);
          yield* sleep(3);
        }
      });
    return { account: sim.objects.peek(ref) };
  },
  expect(_result, _sim, { account }) {
    if (account.balance !== 1000 - account.withdrawn)
      throw new Error(
        `balance ${account.balance} after ${account.withdrawn} withdrawn from 1000: a debit was lost`,
      );
  },
});
