/**
 * initFiles: the files `kernel-sim init` writes into an author's folder, as
 * text: a starter scenario (counter.ts: threads add to a counter while it is
 * hot-swapped; the guide's first example, docs/SCENARIOS.md section 2), a
 * tsconfig.json and a package.json under which `npm install` then
 * `npx tsc` type-checks the folder against kernel-sim's own types.
 *
 * Interface: `initFiles({ packageRoot, typescriptVersion, name })` -> the
 * files in the order they are written, each `{ path, text }` (paths
 * relative to the folder).
 *
 * The package.json depends on this very copy of kernel-sim (`file:` its
 * folder: the copy that ran init, so the types are those of the CLI that
 * runs the scenario) and on the TypeScript version kernel-sim is built
 * with (declarations written by one version are read safely by the same).
 * The tsconfig is NodeNext, so 'kernel-sim' resolves through
 * node_modules/kernel-sim's `exports` like any package.
 */
import { basename } from 'node:path';

export interface InitSpec {
  /** The kernel-sim folder the dependency points at. */
  readonly packageRoot: string;
  readonly typescriptVersion: string;
  /** The folder's name (the package name is derived from it). */
  readonly name: string;
}

export interface InitFile {
  readonly path: string;
  readonly text: string;
}

export const STARTER_SCENARIO = 'counter.ts';

export function initFiles(spec: InitSpec): InitFile[] {
  return [
    { path: STARTER_SCENARIO, text: STARTER },
    { path: 'tsconfig.json', text: json(TSCONFIG) },
    { path: 'package.json', text: json(packageJson(spec)) },
  ];
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function packageName(folder: string): string {
  const name = basename(folder)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+/, '');
  return name === '' ? 'my-scenarios' : name;
}

function packageJson(spec: InitSpec) {
  return {
    name: packageName(spec.name),
    private: true,
    type: 'module',
    scripts: {
      typecheck: 'tsc',
      scenario: `kernel-sim scenario ${STARTER_SCENARIO}`,
      check: `kernel-sim check ${STARTER_SCENARIO} --seeds 20`,
    },
    devDependencies: {
      'kernel-sim': `file:${spec.packageRoot}`,
      typescript: spec.typescriptVersion,
    },
  };
}

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2023'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    skipLibCheck: true,
    types: [],
  },
  include: ['*.ts'],
};

const STARTER = `/**
 * counter: ten threads add to a counter while it is hot-swapped to a new
 * class; the count moves across in the 'n' format and no add is lost.
 * Written by \`kernel-sim init\`; docs/SCENARIOS.md in kernel-sim explains
 * every field.
 *
 *   npx kernel-sim scenario ${STARTER_SCENARIO} --seed 7    run it
 *   npx kernel-sim check ${STARTER_SCENARIO} --seeds 20     run it over seeds
 *   npx tsc                                   type-check this folder
 */
import { compute, defineScenario, sleep, type Op } from 'kernel-sim';

class Counter {
  n = 0;
  *add(k: number): Op<number> {
    yield* compute(4); // four ticks of CPU inside the call
    return (this.n += k);
  }
  exportFormats(): readonly string[] {
    return ['n'];
  }
  exportState(): number {
    return this.n;
  }
  importFormats(): readonly string[] {
    return ['n'];
  }
  importState(_format: string, n: unknown): void {
    this.n = n as number;
  }
}
class CounterV2 extends Counter {}

const THREADS = 10;

export default defineScenario({
  name: 'counter',
  description: 'ten threads add to a counter while it is hot-swapped; no add is lost',
  options: { cpus: 2, quantumTicks: 5 },
  setup(sim) {
    const counter = sim.objects.createNamed('counter', Counter);
    const arrivals = sim.random('arrivals'); // the seed varies the arrivals
    for (let i = 0; i < THREADS; i++)
      sim.spawn(\`t\${i}\`, function* () {
        yield* sleep(arrivals.int(0, 6));
        yield* counter.add(1); // a generator method: always call it with yield*
      });
    sim.at(3, () => sim.hotswap(counter, CounterV2));
    return { counter };
  },
  expect(_result, sim, { counter }) {
    if (sim.objects.info(counter).class !== 'CounterV2') throw new Error('not swapped');
    const n = sim.objects.peek(counter).n;
    if (n !== THREADS) throw new Error(\`the counter is \${n}, expected \${THREADS}: an add was lost\`);
  },
});
`;
