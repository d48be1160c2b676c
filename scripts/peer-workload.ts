/**
 * The peer workload of issue 18 (src/bench/peer-workload.ts: N threads
 * arrive one per tick, each makes 10 generator calls over 64 objects, each
 * call computes 1 tick, 2 CPUs, createSimulation defaults), with the event
 * hash on (the default), off, and the hand-written minimal simulator of the
 * same cost model (src/bench/peer-minimal.ts), in interleaved rounds after a
 * warm-up. Prints the median CPU time (process.cpuUsage) per round and calls
 * per CPU second: a quick probe of the headline group of `npm run bench`.
 *
 * Usage: node --import jiti/register scripts/peer-workload.ts [N] [rounds]
 */
import { measureRounds, runPeerMinimal, runPeerWorkload } from '../src/bench/index.ts';
import { timed } from '../src/bench/wall-clock.ts';

const n = Number(process.argv[2] ?? 5000);
const rounds = Number(process.argv[3] ?? 3);
const ticks: Record<string, number> = {};
const runs = measureRounds(
  [
    {
      name: 'hash on ',
      run: () => {
        const r = runPeerWorkload({ threads: n, hashEvents: true });
        ticks['hash on '] = r.ticks;
        return r;
      },
    },
    {
      name: 'hash off',
      run: () => {
        const r = runPeerWorkload({ threads: n, hashEvents: false });
        ticks['hash off'] = r.ticks;
        return r;
      },
    },
    {
      name: 'minimal ',
      run: () => {
        let calls = 0;
        const t = timed(() => {
          const m = runPeerMinimal({ threads: n, quantumTicks: 10 });
          calls = m.calls;
          ticks['minimal '] = m.ticks;
        });
        return { ...t, ops: calls };
      },
    },
  ],
  rounds,
);
for (const [name, f] of runs)
  console.log(
    `${name}: ${((f.cpuNsPerOp * f.ops) / 1e6).toFixed(0)} ms CPU (${f.cpuNsLeast.toFixed(0)}-${f.cpuNsMost.toFixed(0)} ns/call), ${(1e6 / f.cpuNsPerOp).toFixed(0)} k calls per CPU s, ${ticks[name]} ticks`,
  );
const on = runs.get('hash on ')!.cpuNsPerOp;
const off = runs.get('hash off')!.cpuNsPerOp;
const min = runs.get('minimal ')!.cpuNsPerOp;
console.log(
  `on/off ${(on / off).toFixed(2)}x; default vs minimal ${(min / on).toFixed(3)}x; hash off vs minimal ${(min / off).toFixed(3)}x`,
);
