import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { bufferIo } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { typecheckScenario } from '../../src/cli/typecheck-scenario.ts';

const dir = mkdtempSync(join(tmpdir(), 'kernel-sim-typecheck-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A store and its replacement with another interface; `stub` is the source of the `get` stub. */
function scenarioSource(stub: string): string {
  return `import { compute, defineScenario, type Op } from 'kernel-sim';

class StoreV1 {
  data = new Map<string, string>();
  get(key: string): string | undefined {
    return this.data.get(key);
  }
  *put(key: string, value: string): Op<void> {
    yield* compute(1);
    this.data.set(key, value);
  }
}

class StoreV2 {
  data = new Map<string, string>();
  lookup(q: { key: string }): { found: boolean; value: string | undefined } {
    return { found: this.data.has(q.key), value: this.data.get(q.key) };
  }
  *put(key: string, value: string): Op<void> {
    yield* compute(1);
    this.data.set(key, value);
  }
}

export default defineScenario({
  name: 'typed',
  description: 'a store swapped to a new interface through a stub',
  setup(sim) {
    const store = sim.objects.createNamed('store', StoreV1);
    sim.at(5, () => {
      sim.hotswap(store, StoreV2, {
        stubs: { get: ${stub} },
      });
    });
    return store;
  },
});
`;
}

writeFileSync(
  join(dir, 'good.ts'),
  scenarioSource('(t) => (key: string) => t.lookup({ key }).value'),
);
// the stub takes a number where the method takes a string, and returns a boolean
writeFileSync(
  join(dir, 'bad.ts'),
  scenarioSource('(t) => (key: number) => t.lookup({ key }).found'),
);

describe('typecheckScenario', () => {
  test("a method-type stub of the wrong type is reported in the file's own line", async () => {
    const errors = await typecheckScenario('bad.ts', dir);
    // the stub is on line 32 of the file, column 18; a second error inside it
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(
      /^bad\.ts:32:18 Type '\(t: StoreV2\) => \(key: number\) => boolean' is not assignable to type '\(target: StoreV2\) => \(key: string\) => string \| undefined'\.\n.*\(TS2322\)$/s,
    );
    expect(errors[1]).toMatch(
      /^bad\.ts:32:58 Type 'number' is not assignable to type 'string'\. \(TS2322\)$/,
    );
  }, 180_000); // tsc over the scenario: over 60 s at load 27 on 2 cores

  test('scenario --typecheck: type errors exit 2 before anything runs; a good file runs', async () => {
    const bad = bufferIo({ cwd: dir });
    expect(await runCli(['scenario', 'bad.ts', '--typecheck', '--seed', '1'], bad)).toBe(2);
    expect(bad.stderr).toContain('2 type errors in');
    expect(bad.stderr).toMatch(/\nbad\.ts:32:18 Type /);
    expect(bad.stdout).not.toContain('PASSED');
    // without the flag the same file runs (the CLI strips types unchecked)
    const unchecked = bufferIo({ cwd: dir });
    expect(await runCli(['scenario', 'bad.ts', '--seed', '1'], unchecked)).toBe(0);
    const good = bufferIo({ cwd: dir });
    expect(await runCli(['scenario', 'good.ts', '--typecheck', '--seed', '1'], good)).toBe(0);
    expect(good.stdout).toContain('PASSED');
  }, 180_000); // tsc over the scenario: over 60 s at load 27 on 2 cores

  test('check --typecheck refuses the file the same way', async () => {
    const io = bufferIo({ cwd: dir });
    const args = ['check', 'bad.ts', '--typecheck', '--seeds', '2', '--workers', '1'];
    expect(await runCli(args, io)).toBe(2);
    expect(io.stderr).toMatch(/\nbad\.ts:32:18 Type /);
  }, 180_000); // tsc over the scenario: over 60 s at load 27 on 2 cores
});
