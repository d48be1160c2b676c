/**
 * quiescenceRequestsBench: what the quiescence bookkeeping costs as pending
 * requests and live threads grow together (issue 21: it must stay O(1)
 * amortised per thread exit and per request, for every detector).
 *
 * Rows, per detector:
 * - n = 10^4, 10^5, 10^6 (smoke: 10^3, 2x10^3, 4x10^3): n threads counted
 *   round robin on 4 CPUs with a request after each (every other one
 *   machine-wide, the rest for the thread's CPU), then every thread
 *   uncounted oldest first and the run finished (K42's polls, the
 *   callbacks). Value: CPU ns per thread+request (median of rounds). Baseline, same run: the
 *   same counts and uncounts with no request. A flat ratio down the rows is
 *   linear bookkeeping; a quadratic one grows 10x a row.
 * - The issue's workload through the simulation: n objects destroyed (n
 *   reclaim requests) while n threads live, 4 CPUs, default options; value
 *   the CPU-time ratio of n = 20,000 to n = 5,000 (goal <= 5.5; linear is 4).
 */
import { Thread, sleep, type Op } from '../kernel/index.ts';
import { DETECTOR_NAMES, type DetectorName } from '../quiescence/index.ts';
import { createSimulation } from '../simulation/index.ts';
import { pick, type BenchScale } from './bench-scale.ts';
import { figure, type BenchFigure } from './bench-figure.ts';
import { benchSimulation, runToEnd } from './bench-simulation.ts';
import { measureInterleaved } from './measure-interleaved.ts';
import { timed } from './wall-clock.ts';

const CPUS = 4;

function* emptyBody(): Op<void> {}

/** CPU time of counting n threads, with or without a request after each. */
function countAndRequest(
  detector: DetectorName,
  n: number,
  requests: boolean,
): { cpuMs: number; ops: number } {
  const sim = benchSimulation({ cpus: CPUS, detector });
  const q = sim.quiescence;
  const threads = Array.from(
    { length: n },
    (_, i) => new Thread(i + 1, 'q', null, emptyBody, 1, 0, -1),
  );
  const all = sim.kernel.cpus.map((c) => c.index);
  const onReached = (): void => {};
  const t = timed(() => {
    for (let i = 0; i < n; i++) {
      q.activate(threads[i], i % CPUS);
      if (requests) q.request(onReached, { cpus: i % 2 === 0 ? all : [i % CPUS] });
    }
    for (let i = 0; i < n; i++) q.deactivate(threads[i]);
    runToEnd(sim);
  });
  if (q.pendingCount !== 0)
    throw new Error(`quiescence bench: ${q.pendingCount} requests left pending`);
  return { cpuMs: t.cpuMs, ops: n };
}

class Reclaimed {
  v(): number {
    return 1;
  }
}

/** CPU time of the issue-21 workload: n objects destroyed while n threads sleep, default options. */
export function reclaimWhileAlive(
  detector: DetectorName,
  n: number,
): { cpuMs: number; ops: number } {
  const sim = createSimulation({ seed: 1, cpus: CPUS, detector, threadsMax: n });
  const objects = Array.from({ length: n }, () => sim.objects.create(Reclaimed));
  for (let i = 0; i < n; i++)
    sim.spawn(`t${i}`, function* () {
      yield* sleep(4 * n);
    });
  sim.at(2 * n, () => {
    for (const o of objects) sim.objects.destroy(o);
  });
  return { cpuMs: timed(() => runToEnd(sim)).cpuMs, ops: 1 };
}

export function quiescenceRequestsBench(scale: BenchScale): Promise<BenchFigure[]> {
  return Promise.resolve(requestFigures(scale));
}

function requestFigures(scale: BenchScale): BenchFigure[] {
  const group = 'quiescence-requests';
  const sizes = pick(scale, [10_000, 100_000, 1_000_000], [1_000, 2_000, 4_000]);
  const pair = pick(scale, [5_000, 20_000], [500, 2_000]);
  const rounds = pick(scale, 3, 1);
  const out: BenchFigure[] = [];
  for (const detector of DETECTOR_NAMES) {
    for (const n of sizes) {
      const ns = measureInterleaved(
        [
          { name: 'base', run: () => countAndRequest(detector, n, false) },
          { name: 'requests', run: () => countAndRequest(detector, n, true) },
        ],
        n >= 1_000_000 ? 1 : rounds,
      );
      out.push(
        figure({
          group,
          name: `${detector}: ${n.toLocaleString('en-US')} requests, as many threads`,
          value: ns.get('requests')!,
          unit: 'ns/thread+request',
          baseline: { name: 'the same counts and uncounts, no request', value: ns.get('base')! },
          note: `${CPUS} CPUs; a request after each count (half machine-wide); uncounted oldest first; CPU time, median of ${n >= 1_000_000 ? 1 : rounds} interleaved rounds`,
        }),
      );
    }
    const ms = measureInterleaved(
      pair.map((n) => ({ name: String(n), run: () => reclaimWhileAlive(detector, n) })),
      rounds,
    );
    const [small, large] = pair.map((n) => ms.get(String(n))! / 1e6);
    out.push(
      figure({
        group,
        name: `${detector}: reclaim ${pair[1].toLocaleString('en-US')} vs ${pair[0].toLocaleString('en-US')} objects while as many threads live`,
        value: large / small,
        unit: 'x',
        goal: { on: 'value', op: '<=', limit: 5.5 },
        note: `CPU time ${large.toFixed(0)} ms vs ${small.toFixed(0)} ms, default options (events hashed), median of ${rounds} interleaved rounds; linear is ${(pair[1] / pair[0]).toFixed(1)}x`,
      }),
    );
  }
  return out;
}
