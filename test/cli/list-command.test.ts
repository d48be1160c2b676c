import { basename } from 'node:path';
import { describe, expect, test } from 'vitest';
import { bufferIo } from '../../src/cli/cli-io.ts';
import { listCommand } from '../../src/cli/list-command.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { bundledScenarioFiles } from '../../src/cli/scenario-path.ts';

describe('kernel-sim list', () => {
  test('every bundled scenario with its one-line description', async () => {
    const io = bufferIo();
    const r = await listCommand(io);
    expect(r.exitCode).toBe(0);
    expect(r.scenarios.map((s) => s.file)).toEqual(bundledScenarioFiles().map((f) => basename(f)));
    for (const s of r.scenarios) {
      expect(s.error, s.file).toBeNull();
      expect(io.stdout).toMatch(
        new RegExp(
          `\\n {2}${s.file.replaceAll('.', '\\.')} +${s.description.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`,
        ),
      );
    }
    expect(r.scenarios.find((s) => s.file === 'hello.ts')?.description).toBe(
      'short-lived threads bump a shared counter while it is hot-swapped to a new class',
    );
  });

  test('through the CLI: exit 0', async () => {
    const io = bufferIo();
    expect(await runCli(['list'], io)).toBe(0);
    expect(io.stdout).toContain('hello.ts');
  });
});
