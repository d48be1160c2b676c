import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createSimulation, isScenario, runScenario, Simulation } from 'kernel-sim';
import { CliError } from '../../src/cli/cli-error.ts';
import { loadScenario } from '../../src/cli/load-scenario.ts';

/** A folder outside the repository: no node_modules above it, no tsconfig. */
function outside(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ks-scenario-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const OUTSIDE_SCENARIO = `
import { compute, defineScenario, Simulation, type Op } from 'kernel-sim';
import { Observable } from 'rxjs';
import { helperTicks } from './helper.ts';

class Box {
  value = 0;
  *put(v: number): Op<number> {
    yield* compute(helperTicks);
    return (this.value = v);
  }
  read(): number {
    return this.value;
  }
}

export default defineScenario({
  name: 'outside',
  description: 'a scenario written outside the repository',
  options: { cpus: 1 },
  setup(sim) {
    if (!(sim instanceof Simulation)) throw new Error('sim is not an instance of the Simulation this file imported');
    if (!(sim.events$ instanceof Observable)) throw new Error('events$ is not an instance of the Observable this file imported');
    const box = sim.objects.create(Box);
    sim.spawn('writer', function* () {
      yield* box.put(42);
    });
    return { box };
  },
  expect(_result, _sim, { box }) {
    if (box.read() !== 42) throw new Error('box holds ' + box.read());
  },
});
`;

describe('loadScenario', () => {
  test('a TypeScript scenario outside the repository imports kernel-sim (same module instance), rxjs and a relative helper, and runs', async () => {
    const dir = outside({
      'outside.ts': OUTSIDE_SCENARIO,
      'helper.ts': 'export const helperTicks: number = 3;\n',
    });
    const scenario = await loadScenario(join(dir, 'outside.ts'));
    expect(isScenario(scenario)).toBe(true);
    expect(scenario.file).toBe(join(dir, 'outside.ts'));
    const report = runScenario(scenario, { seed: 1 });
    expect(report.outcome, report.reason ?? '').toBe('passed');
    expect(createSimulation()).toBeInstanceOf(Simulation);
  });

  test('decorated (injectable) classes load with their metadata', async () => {
    const dir = outside({
      'di.ts': `
import { defineScenario, inject, injectable, CLOCK } from 'kernel-sim';
@injectable()
class Stamp {
  constructor(@inject(CLOCK) readonly clock: { now: number }) {}
  read(): number { return this.clock.now; }
}
export default defineScenario({
  name: 'di', description: 'injected clock',
  setup(sim) { return { s: sim.objects.create(Stamp) }; },
  expect(_r, _sim, { s }) { if (typeof s.read() !== 'number') throw new Error('no clock'); },
});
`,
    });
    const report = runScenario(await loadScenario(join(dir, 'di.ts')), { seed: 1 });
    expect(report.outcome, report.reason ?? '').toBe('passed');
  });

  test.each([
    [
      'syntax.ts',
      'import { defineScenario } from "kernel-sim";\nconst x: number = ;\nexport default x;\n',
      /syntax\.ts:2:\d+: syntax error: Unexpected token/,
    ],
    [
      'nodefault.ts',
      'export const notAScenario = 1;\n',
      /nodefault\.ts has no default scenario export; end it with\n\s+export default defineScenario\(/,
    ],
    [
      'wrongdefault.ts',
      'export default { name: "x", setup() {} };\n',
      /wrongdefault\.ts has no default scenario export/,
    ],
    [
      'missing-import.ts',
      'import { x } from "./nowhere.ts";\nexport default x;\n',
      /cannot load scenario .*missing-import\.ts: Cannot find module '\.\/nowhere\.ts'/,
    ],
    [
      'top-throw.ts',
      'const boom = (): number => {\n  throw new RangeError("bad constant");\n};\nexport default boom();\n',
      /cannot load scenario .*top-throw\.ts: it threw RangeError: bad constant\n {4}at .*top-throw\.ts:2/,
    ],
    [
      'bad-define.ts',
      'import { defineScenario } from "kernel-sim";\nexport default defineScenario({ name: "b", description: "d" } as never);\n',
      /it threw ScenarioInputError: defineScenario: scenario 'b': 'setup\(sim\)' must be a function/,
    ],
  ])('%s: a clear CliError (exit 2) naming the file', async (name, text, message) => {
    const dir = outside({ [name]: text });
    const error = await loadScenario(join(dir, name)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    expect((error as CliError).message).toMatch(message);
  });
});
