/**
 * The kernel's EventQueue alone, in the peer workload's pattern: N arrivals
 * queued up front (one per tick) and two CPUs that each pop and push their
 * next turn 1 or 2 ticks ahead, for max(30 N, 3e6) pops. Prints CPU ns per
 * pop for each of 12 rounds (the last rounds are the warm figure). Run it on
 * two builds to compare (a `dist` folder built with
 * `npx tsc -p tsconfig.build.json --outDir DIR`).
 *
 * Usage: node scripts/event-queue-probe.mjs DIST [N]
 */
import { resolve } from 'node:path';

const [dist, n] = process.argv.slice(2);
if (dist === undefined) {
  console.error('usage: node scripts/event-queue-probe.mjs DIST [N]');
  process.exit(2);
}
const { EventQueue } = await import(resolve(dist, 'kernel/index.js'));
const N = Number(n ?? 100000);

function run() {
  const q = new EventQueue();
  const cpus = [{ kind: 'cpu' }, { kind: 'cpu' }];
  const arrival = { kind: 'action' };
  for (let i = 0; i < N; i++) q.push(i, arrival);
  q.push(0, cpus[0]);
  q.push(0, cpus[1]);
  let pops = 0;
  const popsMax = Math.max(N * 30, 3e6);
  while (q.size > 0 && pops < popsMax) {
    const tick = q.peekTick();
    const item = q.pop();
    pops++;
    if (item.kind === 'cpu') q.push(tick + 1 + (pops & 1), item);
  }
  return pops;
}

for (let r = 0; r < 12; r++) {
  const t0 = process.cpuUsage();
  const pops = run();
  const u = process.cpuUsage(t0);
  console.log(`${dist} N=${N}: ${(((u.user + u.system) * 1000) / pops).toFixed(1)} ns/pop`);
}
