/**
 * Calls through the table, two builds A/B in one process, interleaved
 * rounds: the table and interposition groups' loop (`ref.lookup(i)` over
 * makeWorkClass objects) on one class or eight, plain or through one
 * counting mediator. Prints the median CPU ns per call of 15 rounds each.
 * MODE: one | one-med | eight | eight-med. DIST: a build,
 * `npx tsc -p tsconfig.build.json --outDir DIST`.
 *
 * Usage: node scripts/call-ab.mjs DIST_A DIST_B MODE
 */
const [A, B, mode] = process.argv.slice(2);
async function setup(dist) {
  const { benchSimulation } = await import(`${dist}/bench/bench-simulation.js`);
  const { makeWorkClass } = await import(`${dist}/bench/work-class.js`);
  const { CountingMediator } = await import(`${dist}/bench/counting-mediator.js`);
  const { callLoop } = await import(`${dist}/bench/call-loop.js`);
  const sim = benchSimulation();
  const refs = [];
  const k = mode.startsWith('eight') ? 8 : 1;
  for (let i = 0; i < k; i++) {
    const W = makeWorkClass('W' + i);
    const r = sim.objects.create(W);
    if (mode.endsWith('med')) sim.interpose(r, new CountingMediator());
    refs.push(r);
  }
  const loop = callLoop('lookup', true);
  return (n) => {
    let s = 0;
    for (let j = 0; j < k; j++) s += loop(refs[j], n / k);
    return s;
  };
}
const fa = await setup(A),
  fb = await setup(B);
const n = 400000,
  ra = [],
  rb = [];
const t = (f) => {
  const c = process.cpuUsage();
  f(n);
  const d = process.cpuUsage(c);
  return ((d.user + d.system) * 1000) / n;
};
for (let i = 0; i < 4; i++) {
  t(fa);
  t(fb);
}
for (let i = 0; i < 15; i++) {
  ra.push(t(fa));
  rb.push(t(fb));
}
const med = (x) => x.sort((a, b) => a - b)[x.length >> 1];
console.log(mode, 'A', med(ra).toFixed(1), 'B', med(rb).toFixed(1), 'ns/call (cpu, median of 15)');
