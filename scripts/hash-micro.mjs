/**
 * The event hash alone, per call event: a built kernel-sim (a `dist` folder,
 * `npx tsc -p tsconfig.build.json --outDir DIR`) hashes the six direct call
 * events of one peer-workload call (a generator call's entered / reached /
 * exited on one of 64 default-named objects, and the scheduler's pickNext
 * plain call on a named object) two million times into one EventsHasher,
 * through a stand-in bus, and prints CPU ns per event and the final hash
 * (which must be the same for every build that keeps the encoding).
 * For the direct emitters' signature from 1abc846 on (they take the entry);
 * the stand-in bus has `stamp()` too, for the fused forms (session 8).
 *
 * Usage: node scripts/hash-micro.mjs DIST
 */
import { resolve } from 'node:path';

const dist = resolve(process.argv[2] ?? 'dist');
const { EventsHasher } = await import(`${dist}/simulation/index.js`);
const { directEntered, directReached, directExited } = await import(
  `${dist}/translation-table/call-events-direct.js`
);
const { directEnteredArgs } = await import(`${dist}/translation-table/call-entered-args.js`);
const { Factory, TableEntry } = await import(`${dist}/translation-table/index.js`);
class PeerObject {}
const f = new Factory(PeerObject, () => []);
const entries = Array.from({ length: 64 }, (_, i) => new TableEntry(i + 2, null, {}, false, [], f));
const pol = new TableEntry(
  1,
  'scheduler',
  {},
  false,
  [],
  new Factory(class RoundRobinPolicy {}, () => []),
);
const h = new EventsHasher();
const clock = { now: 1 };
let seq = 0;
const bus = {
  sink: h,
  clock,
  begin(type) {
    const s = this.sink;
    s.beginDirect(type, this.clock.now, seq++);
    return s;
  },
  stamp() {
    const s = this.sink;
    s.stampNext(this.clock.now, seq++);
    return s;
  },
};
const NO_ARGS = Object.freeze([]);
function round(n) {
  for (let i = 0; i < n; i++) {
    const e = entries[i & 63];
    clock.now = i >> 3;
    directEntered(bus, i, e, 'work', i >> 2, i & 1, NO_ARGS);
    directReached(bus, i, e, e.factory.name, i & 1);
    directEnteredArgs(
      bus,
      i,
      pol,
      'pickNext',
      -1,
      i & 1,
      1,
      i & 1,
      undefined,
      undefined,
      undefined,
    );
    directReached(bus, i, pol, 'RoundRobinPolicy', i & 1);
    directExited(bus, i, pol, 'pickNext', -1, i & 1, null);
    directExited(bus, i, e, 'work', i >> 2, i & 1, null);
  }
}
round(200000);
const N = 2000000;
const t0 = process.cpuUsage();
round(N);
const t = process.cpuUsage(t0);
console.log((((t.user + t.system) * 1000) / (N * 6)).toFixed(1), 'ns/event', h.hex);
