/**
 * One peer-workload run of a built kernel-sim (a `dist` folder, built with
 * `npx tsc -p tsconfig.build.json --outDir DIR`), for instruction counts
 * under `valgrind --tool=callgrind`. Run node with `--predictable
 * --predictable-gc-schedule`: without the first, V8's background compiler
 * and GC threads are counted, and how much they do depends on timing (the
 * same build has given twice the count on a quiet machine as under load);
 * without the second, the GC schedule still moves the count by about 4%. Mode `on` is the default (event hash on),
 * `off` is `hashEvents: false`, `minimal` the hand-written minimal simulator
 * of the same cost model (src/bench/peer-minimal.ts, quantum 10 ticks as in
 * the headline), the baseline of the headline ratio; N = 0 loads the build and runs nothing (the
 * start-up cost). Take the per-call figure from two sizes, so start-up and
 * JIT warm-up cancel: (Ir(N2) - Ir(N1)) / ((N2 - N1) * 10).
 *
 * Usage: valgrind --tool=callgrind --callgrind-out-file=/dev/null \
 *          node --predictable --predictable-gc-schedule scripts/peer-once.mjs DIST on|off|minimal N
 */
import { resolve } from 'node:path';

const [dist, mode, n] = process.argv.slice(2);
if (dist === undefined || !['on', 'off', 'minimal'].includes(mode)) {
  console.error('usage: node scripts/peer-once.mjs DIST on|off|minimal N');
  process.exit(2);
}
const bench = await import(resolve(dist, 'bench/index.js'));
const threads = Number(n ?? 3000);
if (threads > 0 && mode === 'minimal') bench.runPeerMinimal({ threads, quantumTicks: 10 });
else if (threads > 0) bench.runPeerWorkload({ threads, hashEvents: mode === 'on' });
