/**
 * CPU nanoseconds per peer-workload call, one process: a built kernel-sim
 * (a `dist` folder, built with `npx tsc -p tsconfig.build.json --outDir
 * DIR`) runs the peer workload (src/bench/peer-workload.ts) at 20,000
 * threads to warm up, collects garbage, then runs it at N threads and
 * prints CPU time (user + system) per call; with RUNS > 1 it runs it RUNS
 * times and prints the median (the steady state the bench's headline
 * measures: its rounds follow a full-size warm-up run, and the hash-off
 * path keeps getting faster for longer than the hash-on path does;
 * docs/BENCHMARKS.md, "The event hash's budget"). Run builds and modes in
 * separate processes, in turns, several times each, and compare medians:
 * one process's figure moves by several percent with the machine.
 * Mode `on` is the default (event hash on), `off` is `hashEvents: false`,
 * `minimal` the hand-written minimal simulator.
 *
 * Usage: node --expose-gc scripts/peer-cpu.mjs DIST on|off|minimal [N [RUNS]]   (default 100,000, 1)
 */
import { resolve } from 'node:path';

const [dist, mode, n, r] = process.argv.slice(2);
const threads = Number(n ?? 100000);
const runs = Number(r ?? 1);
if (
  dist === undefined ||
  !['on', 'off', 'minimal'].includes(mode) ||
  !(threads > 0) ||
  !Number.isInteger(runs) ||
  runs < 1
) {
  console.error('usage: node --expose-gc scripts/peer-cpu.mjs DIST on|off|minimal [N [RUNS]]');
  process.exit(2);
}
const bench = await import(resolve(dist, 'bench/index.js'));
const run = (t) =>
  mode === 'minimal'
    ? bench.runPeerMinimal({ threads: t, quantumTicks: 10 })
    : bench.runPeerWorkload({ threads: t, hashEvents: mode === 'on' });
run(20000);
globalThis.gc?.();
const ns = [];
for (let i = 0; i < runs; i++) {
  const before = process.cpuUsage();
  run(threads);
  const used = process.cpuUsage(before);
  ns.push(((used.user + used.system) * 1000) / (threads * 10));
}
ns.sort((a, b) => a - b);
console.log(Math.round(ns[ns.length >> 1]));
