/**
 * Bytes allocated per peer-workload call, by the function that allocated
 * them: a built kernel-sim (a `dist` folder, built with
 * `npx tsc -p tsconfig.build.json --outDir DIR`) runs the peer workload
 * (src/bench/peer-workload.ts) once to warm up, then once more under V8's
 * sampling heap profiler (every 256 bytes, objects the young and the old
 * collector freed included), and prints the bytes per call in all and the
 * top allocating functions. Mode `on` is the default (event hash on), `off`
 * is `hashEvents: false`, `minimal` the hand-written minimal simulator.
 * Sampled, so a figure moves by a few bytes between runs.
 *
 * Usage: node scripts/peer-alloc.mjs DIST on|off|minimal [N]   (N threads, default 20,000)
 */
import { Session } from 'node:inspector';
import { resolve } from 'node:path';

const [dist, mode, n] = process.argv.slice(2);
if (dist === undefined || !['on', 'off', 'minimal'].includes(mode)) {
  console.error('usage: node scripts/peer-alloc.mjs DIST on|off|minimal [N]');
  process.exit(2);
}
const threads = Number(n ?? 20000);
const bench = await import(resolve(dist, 'bench/index.js'));
const run = () =>
  mode === 'minimal'
    ? bench.runPeerMinimal({ threads, quantumTicks: 10 })
    : bench.runPeerWorkload({ threads, hashEvents: mode === 'on' });

const session = new Session();
session.connect();
const post = (method, params) =>
  new Promise((ok, fail) => session.post(method, params, (e, r) => (e ? fail(e) : ok(r))));

run();
await post('HeapProfiler.startSampling', {
  samplingInterval: 256,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});
run();
const { profile } = await post('HeapProfiler.stopSampling');

const bytes = new Map();
let total = 0;
(function walk(node) {
  const f = node.callFrame;
  const where = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
  total += node.selfSize;
  bytes.set(where, (bytes.get(where) ?? 0) + node.selfSize);
  node.children.forEach(walk);
})(profile.head);

const calls = threads * 10;
console.log(`${mode}: ${(total / calls).toFixed(0)} bytes per call`);
for (const [where, b] of [...bytes].sort((x, y) => y[1] - x[1]).slice(0, 12))
  console.log(`${(b / calls).toFixed(1).padStart(8)}  ${where}`);
