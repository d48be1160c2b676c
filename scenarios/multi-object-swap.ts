/**
 * multi-object-swap: two objects that call each other, swapped two ways.
 *
 * Ping and Pong each have a method that works a while and then calls the
 * other. Thread A runs inside ping.serve and will call pong; thread B runs
 * inside pong.serve and will call ping.
 *
 * Pair 1 is swapped by two independent swaps. Both reach block with A inside
 * ping (tracked) and B inside pong (tracked). A calls pong: held, since A is
 * not inside pong. B calls ping: holding B would close a cycle on the
 * wait-for graph (ping's swap waits for A, A is held by pong's swap, which
 * waits for B). The cycle is detected and ping's swap rolls back with the
 * cycle in its reason; B's call goes to the old ping, B leaves pong, pong's
 * swap completes, A is released to the new pong. Nothing hangs or is lost.
 *
 * Pair 2 is swapped as one unit (sim.swapTogether): a thread inside any
 * object of the unit is exempt from holding on all of them, so the same call
 * cycle drains and both objects complete together (or would roll back
 * together).
 *
 * The quiescence detector is the event-driven one, so forward ends as soon
 * as the threads alive at the request have gone (K42's detector would also
 * wait for A and B, which start just after, and no cycle would form).
 *
 * The cycle needs that interleaving: the event detector, the quiescence
 * strategy, global mediation (per-CPU mediation blocks the idle CPU at
 * once), and a fifo or random schedule (pct's priority changes and the
 * other strategies let A or B finish before block; a random schedule does so
 * on a few seeds too, and then both swaps complete). Under any other
 * configuration expect() checks what still must hold: no thread failed, no
 * reply lost or doubled, and an independent swap ends completed or rolled
 * back naming a deadlock; it asserts the deadlock itself only where the
 * configuration makes it.
 *
 * Run: `kernel-sim scenario multi-object-swap.ts [--seed N]`
 */
import {
  compute,
  defineScenario,
  type ObjectRef,
  type Op,
  type Simulation,
  type Swap,
} from 'kernel-sim';

/** What a peer needs of the other one. */
interface Replier {
  reply(): Op<void>;
}

class Peer {
  other: Replier | null = null;
  served = 0;
  link(other: Replier): void {
    this.other = other;
  }
  *serve(workTicks: number): Op<void> {
    yield* compute(workTicks);
    yield* this.other!.reply();
  }
  *reply(): Op<void> {
    yield* compute(1);
    this.served++;
  }
  count(): number {
    return this.served;
  }
  exportFormats(): readonly string[] {
    return ['peer'];
  }
  exportState(): { other: Replier | null; served: number } {
    return { other: this.other, served: this.served };
  }
  importFormats(): readonly string[] {
    return ['peer'];
  }
  importState(_f: string, s: unknown): void {
    const state = s as { other: Replier | null; served: number };
    this.other = state.other;
    this.served = state.served;
  }
}
class PeerV2 extends Peer {}

interface Pair {
  readonly ping: ObjectRef<Peer>;
  readonly pong: ObjectRef<Peer>;
  readonly swaps: Swap[];
}

function pair(sim: Simulation, name: string, startTick: number): Pair {
  const ping = sim.objects.createNamed(`${name}-ping`, Peer);
  const pong = sim.objects.createNamed(`${name}-pong`, Peer);
  ping.link(pong);
  pong.link(ping);
  // An older thread keeps the swaps (requested at startTick + 5) in forward a
  // while; A and B start just after the request, so they are tracked inside.
  sim.at(startTick, () =>
    sim.spawn(`${name}-older`, function* () {
      yield* compute(20);
    }),
  );
  sim.at(startTick + 6, () => {
    sim.spawn(`${name}-A`, function* () {
      yield* ping.serve(60);
    });
    sim.spawn(`${name}-B`, function* () {
      yield* pong.serve(62);
    });
  });
  return { ping, pong, swaps: [] };
}

/** Whether this run's configuration makes the independent swaps' call cycle (see the header). */
function makesTheCycle(sim: Simulation): boolean {
  const o = sim.options;
  const schedule = o.schedule.split('+')[0];
  return (
    o.detector === 'event' &&
    o.swapStrategy === 'quiescence' &&
    o.swapMediation === 'global' &&
    (schedule === 'fifo' || schedule === 'random')
  );
}

function expectNothingLost(...pairs: Pair[]): void {
  for (const p of pairs) {
    const replies = p.ping.count() + p.pong.count();
    if (replies !== 2)
      throw new Error(
        `each pair should have served 2 replies, got ${replies}: a call was lost or doubled`,
      );
  }
}

function expectUnitCompleted(unit: Pair): void {
  if (unit.swaps[0]?.outcome !== 'completed')
    throw new Error(
      `the unit swap should complete: ${unit.swaps[0]?.outcome} (${unit.swaps[0]?.reason})`,
    );
}

export default defineScenario({
  name: 'multi-object-swap',
  description:
    'two objects calling each other: independent swaps deadlock and one rolls back; as one unit they complete',
  options: { cpus: 2, quantumTicks: 5, ticksMax: 20_000, detector: 'event' },
  setup(sim) {
    const apart = pair(sim, 'apart', 0);
    const unit = pair(sim, 'unit', 400);
    sim.at(
      5,
      () => apart.swaps.push(sim.hotswap(apart.ping, PeerV2), sim.hotswap(apart.pong, PeerV2)),
      'two swaps',
    );
    sim.at(
      405,
      () =>
        unit.swaps.push(
          sim.swapTogether([
            [unit.ping, PeerV2],
            [unit.pong, PeerV2],
          ]),
        ),
      'one unit',
    );
    return { apart, unit };
  },
  // Under faults: a thread an injected fault stopped is the fault's, and no reply may be doubled;
  // whether every reply arrives and which swap deadlocks depend on every call going through, so
  // those claims are kept for runs no fault touched.
  faultAware: true,
  expect(result, sim, { apart, unit }, info) {
    const failed = result.threads.failed - info.threadsFaulted.length;
    if (failed !== 0) throw new Error(`${failed} thread(s) failed`);
    if (info.fired('destroy-during-swap')) return; // a peer itself is gone
    if (info.faulted) {
      for (const p of [apart, unit]) {
        const replies = p.ping.count() + p.pong.count();
        if (replies > 2) throw new Error(`a pair served ${replies} replies: a call was doubled`);
      }
      return;
    }
    expectNothingLost(apart, unit);
    if (!makesTheCycle(sim)) {
      for (const s of apart.swaps)
        if (s.outcome === 'aborted' && !s.reason.startsWith('deadlock: '))
          throw new Error(`swap ${s.id} rolled back for another reason: ${s.reason}`);
      return;
    }
    const outcomes = apart.swaps
      .map((s) => s.outcome)
      .sort()
      .join();
    // a random schedule makes the cycle on almost every seed, not all: on a few, A or B happens
    // to finish before block (seed 147 of 1,000), and then both swaps complete
    const random = sim.options.schedule.startsWith('random');
    if (random && outcomes === 'completed,completed') return expectUnitCompleted(unit);
    if (outcomes !== 'aborted,completed')
      throw new Error(
        `independent swaps: expected one aborted (deadlock) and one completed, got ${outcomes}`,
      );
    const aborted = apart.swaps.find((s) => s.outcome === 'aborted')!;
    if (!aborted.reason.startsWith('deadlock: '))
      throw new Error(`the abort should name the cycle: ${aborted.reason}`);
    expectUnitCompleted(unit);
  },
  summary(_result, _sim, { apart, unit }) {
    return [
      ...apart.swaps.map(
        (s) => `apart: swap ${s.id} ${s.outcome}${s.reason ? `: ${s.reason}` : ''}`,
      ),
      `unit: swap ${unit.swaps[0]?.id} ${unit.swaps[0]?.outcome}, ${unit.swaps[0]?.held} held`,
    ];
  },
});
