/**
 * CPU nanoseconds per peer-workload call, one process: a built kernel-sim
 * (a `dist` folder, built with `npx tsc -p tsconfig.build.json --outDir
 * DIR`) runs the peer workload (src/bench/peer-workload.ts) at 20,000
 * threads to warm up, collects garbage, then runs it at N threads and
 * prints CPU time (user + system) per call. Run builds and modes in
 * separate processes, in turns, several times each, and compare medians:
 * one process's figure moves by several percent with the machine.
 * Mode `on` is the default (event hash on), `off` is `hashEvents: false`,
 * `minimal` the hand-written minimal simulator.
 *
 * Usage: node --expose-gc scripts/peer-cpu.mjs DIST on|off|minimal [N]   (default 100,000)
 */
import { resolve } from 'node:path';

const [dist, mode, n] = process.argv.slice(2);
if (dist === undefined || !['on', 'off', 'minimal'].includes(mode)) {
  console.error('usage: node --expose-gc scripts/peer-cpu.mjs DIST on|off|minimal [N]');
  process.exit(2);
}
const threads = Number(n ?? 100000);
const bench = await import(resolve(dist, 'bench/index.js'));
const run = (t) =>
  mode === 'minimal'
    ? bench.runPeerMinimal({ threads: t, quantumTicks: 10 })
    : bench.runPeerWorkload({ threads: t, hashEvents: mode === 'on' });
run(20000);
globalThis.gc?.();
const before = process.cpuUsage();
run(threads);
const used = process.cpuUsage(before);
console.log(Math.round(((used.user + used.system) * 1000) / (threads * 10)));
