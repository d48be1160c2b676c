/**
 * Before/after probe of issue 18's peer workload: two builds of kernel-sim
 * (two `dist` folders, e.g. main before a change and the worktree after it,
 * each built with `npx tsc -p tsconfig.build.json --outDir DIR`) loaded into
 * one process and run in interleaved rounds (measureRounds: A on, B on, A off,
 * B off, each round starting one later), with the event hash on (the
 * default) and off. Prints the median CPU ns per call with its spread, and
 * on/off per build.
 *
 * Usage: node --import jiti/register scripts/peer-ab.ts DIST_A DIST_B [N] [rounds]
 */
import { resolve } from 'node:path';
import { measureRounds, type RoundTask } from '../src/bench/index.ts';

interface Build {
  runPeerWorkload(spec: { threads: number; hashEvents: boolean }): {
    wallMs: number;
    cpuMs: number;
    ops: number;
  };
}

const [distA, distB] = process.argv.slice(2, 4);
if (distA === undefined || distB === undefined) {
  console.error('usage: scripts/peer-ab.ts DIST_A DIST_B [N] [rounds]');
  process.exit(2);
}
const n = Number(process.argv[4] ?? 5000);
const rounds = Number(process.argv[5] ?? 5);
const load = async (dir: string) =>
  (await import(resolve(dir, 'bench/index.js'))) as unknown as Build;
const builds: [string, Build][] = [
  ['A', await load(distA)],
  ['B', await load(distB)],
];
const tasks: RoundTask[] = [];
for (const hash of [true, false])
  for (const [name, b] of builds)
    tasks.push({
      name: `${name} ${hash ? 'on' : 'off'}`,
      run: () => b.runPeerWorkload({ threads: n, hashEvents: hash }),
    });
const r = measureRounds(tasks, rounds);
for (const [name, f] of r)
  console.log(
    `${name}: ${f.cpuNsPerOp.toFixed(0)} ns/call CPU (${f.cpuNsLeast.toFixed(0)}-${f.cpuNsMost.toFixed(0)})`,
  );
for (const [name] of builds)
  console.log(
    `${name} on/off ${(r.get(`${name} on`)!.cpuNsPerOp / r.get(`${name} off`)!.cpuNsPerOp).toFixed(2)}x`,
  );
