/**
 * The peer workload of docs/BENCHMARKS.md ("The event hash"): N threads
 * arrive one per tick, each makes 10 generator calls over 64 objects, each
 * call computes 1 tick, 2 CPUs, built with createSimulation and nothing else
 * (hashEvents on, the default, then off). Prints the median of three runs'
 * CPU time (process.cpuUsage) and calls per CPU second, after a warm-up run.
 *
 * Usage: node --import jiti/register scripts/peer-workload.ts [N]
 */
import { compute, createSimulation } from '../src/index.ts';

class PeerObject {
  *work() {
    yield* compute(1);
  }
}

function run(n: number, hashEvents: boolean): { ms: number; ticks: number } {
  const sim = createSimulation({ seed: 1, cpus: 2, hashEvents, ticksMax: Number.MAX_SAFE_INTEGER });
  const objects = Array.from({ length: 64 }, () => sim.objects.create(PeerObject));
  for (let i = 0; i < n; i++)
    sim.at(i, () =>
      sim.spawn('peer', function* () {
        for (let k = 0; k < 10; k++) yield* objects[(i + k) % 64].work();
      }),
    );
  const c0 = process.cpuUsage();
  const r = sim.run();
  const c = process.cpuUsage(c0);
  return { ms: (c.user + c.system) / 1000, ticks: r.ticks };
}

const n = Number(process.argv[2] ?? 5000);
for (const hash of [true, false]) {
  run(500, hash);
  const runs = [0, 1, 2].map(() => run(n, hash)).sort((a, b) => a.ms - b.ms);
  const m = runs[1];
  const rate = ((n * 10) / m.ms).toFixed(0);
  console.log(
    `hash ${hash ? 'on ' : 'off'}: ${m.ms.toFixed(0)} ms CPU, ${rate} k calls per CPU s, ${m.ticks} ticks`,
  );
}
