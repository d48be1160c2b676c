/**
 * hash-budget: where the event hash's time goes in the peer workload
 * (src/bench/peer-workload.ts), by subtraction. It builds patched copies of
 * this checkout's src, each leaving out one more part of the hash, and
 * measures CPU ns per call of each (scripts/peer-cpu.mjs, separate
 * processes in turns, medians over the rounds):
 *
 *   default          the build as it is, event hash on
 *   no fnv steps     the fused forms (simulation/events-hash.ts) check and
 *                    look up as before but count the event and return
 *                    before their hash steps
 *   no args          as above, and a plain call's arguments not hashed
 *   no fused forms   every fused form counts the event and returns at once
 *   no hash calls    the direct emitters return before they stamp an event
 *                    (the hashed call paths are still taken)
 *   hash off         the build as it is, hashEvents: false
 *
 * Each difference of neighbours is one part of the budget (docs/BENCHMARKS.md,
 * "The event hash's budget"). The patched builds hash wrongly: they are for
 * this measurement only. A patch that no longer finds its text stops the
 * script with the file and the text, so it cannot measure a build it did
 * not make.
 *
 * Usage: node scripts/hash-budget.mjs [ROUNDS]   (default 9; about 20 s a round)
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const rounds = Number(process.argv[2] ?? 9);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error('usage: node scripts/hash-budget.mjs [ROUNDS]');
  process.exit(2);
}
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(tmpdir(), 'kernel-sim-hash-budget');

const HASH = 'src/simulation/events-hash.ts';
/** The fast path of each fused form, where its hash steps begin. */
const STEPS_AT = [
  '    if (t > 0 && isWord(x) && isWord(y)) {\n',
  '    if (!areWords(call, id, thread, cpu)) return false;\n',
  '    if (t > 0 && implId > 0 && ints) {\n',
  '    if (fast && ints) {\n',
];
const COUNT = (ret) => `      this.count++;\n      if (this.s) return${ret};\n`;
const noSteps = STEPS_AT.map((at, i) => ({
  file: HASH,
  find: at,
  replace: at + COUNT(i === 1 ? ' true' : ''),
}));
const noArgs = {
  file: HASH,
  find: '    else if (n === 0) return;\n    this.items(n);',
  replace: '    else if (n === 0 || this.s) return;\n    this.items(n);',
};
/** The first line of each fused form's body. */
const FORM_AT = [
  '  ints2(type: DirectType, x: number, y: number): void {\n',
  '    args: readonly unknown[],\n  ): void {\n',
  '    a3: unknown,\n  ): void {\n',
  '    impl: string,\n    cpu: number,\n  ): void {\n',
  '    error: string | null,\n  ): void {\n',
];
const noForms = FORM_AT.map((at) => ({
  file: HASH,
  find: at,
  replace: `${at}    if (this.s) {\n      this.count++;\n      return;\n    }\n`,
}));
const early = (file, find) => ({ file, find, replace: `  if (d) return;\n${find}` });
const noCalls = [
  early('src/translation-table/call-events-direct.ts', '  d.stamp().callEntered('),
  early('src/translation-table/call-events-direct.ts', '  d.stamp().callReached('),
  early('src/translation-table/call-events-direct.ts', '  d.stamp().callExited('),
  early('src/translation-table/call-entered-args.ts', '  d.stamp().callEnteredArgs('),
  early('src/kernel/kernel-events-direct.ts', '  d.stamp().ints2('),
  early('src/kernel/kernel-events-direct.ts', '  const h = d.begin(SPAWNED);'),
  early('src/kernel/kernel-events-direct.ts', '  d.begin(ACTION).text(label);'),
];

const variants = [
  { name: 'default', patches: [], mode: 'on' },
  { name: 'no fnv steps', patches: noSteps, mode: 'on' },
  { name: 'no args', patches: [...noSteps, noArgs], mode: 'on' },
  { name: 'no fused forms', patches: noForms, mode: 'on' },
  { name: 'no hash calls', patches: noCalls, mode: 'on' },
  { name: 'hash off', patches: [], mode: 'off', dist: 'default' },
];

function build(v) {
  const dir = join(work, v.name.replaceAll(' ', '-'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(repo, 'src'), join(dir, 'src'), { recursive: true });
  for (const f of ['tsconfig.json', 'tsconfig.build.json', 'package.json'])
    cpSync(join(repo, f), join(dir, f));
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'));
  for (const p of v.patches) {
    const file = join(dir, p.file);
    const text = readFileSync(file, 'utf8');
    const n = text.split(p.find).length - 1;
    if (n !== 1)
      throw new Error(
        `hash-budget: variant '${v.name}': ${p.file} has ${n} copies of ${JSON.stringify(p.find)}, expected 1; update the patch`,
      );
    writeFileSync(file, text.replace(p.find, p.replace));
  }
  // --noCheck: a patch makes code after it unreachable, which the checker would refuse
  execFileSync(
    join(repo, 'node_modules/.bin/tsc'),
    ['-p', 'tsconfig.build.json', '--noCheck', '--outDir', 'dist'],
    { cwd: dir, stdio: 'inherit' },
  );
  return join(dir, 'dist');
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const dists = new Map();
for (const v of variants) if (v.dist === undefined) dists.set(v.name, build(v));
const cpu = new Map(variants.map((v) => [v.name, []]));
const probe = join(repo, 'scripts/peer-cpu.mjs');
for (let r = 0; r < rounds; r++) {
  for (let j = 0; j < variants.length; j++) {
    const v = variants[(j + r) % variants.length];
    const dist = dists.get(v.dist ?? v.name);
    const out = execFileSync(process.execPath, ['--expose-gc', probe, dist, v.mode], {
      encoding: 'utf8',
    });
    cpu.get(v.name).push(Number(out.trim()));
  }
  process.stderr.write(`round ${r + 1} of ${rounds}\n`);
}
const med = variants.map((v) => median(cpu.get(v.name)));
console.log(`CPU ns per call, median of ${rounds} rounds (spread in brackets):`);
variants.forEach((v, i) => {
  const xs = cpu.get(v.name);
  console.log(
    `  ${v.name.padEnd(15)} ${String(med[i]).padStart(6)}  [${Math.min(...xs)}-${Math.max(...xs)}]`,
  );
});
console.log('the budget (each line: the variant minus the next):');
const parts = [
  'fnv steps of the fused forms',
  "hashing a plain call's arguments",
  "the fused forms' checks and look-ups",
  'stamps, calls into the hash, and the two events hashed field by field (thread.spawned, kernel.action)',
  'the hashed call paths',
];
parts.forEach((p, i) => console.log(`  ${String(med[i] - med[i + 1]).padStart(6)}  ${p}`));
console.log(
  `  ${String(med[0] - med.at(-1)).padStart(6)}  in all: on / off = ${(med[0] / med.at(-1)).toFixed(3)}`,
);
