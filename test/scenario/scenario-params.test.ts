/**
 * Scenario params (src/scenario/scenario-params.ts): declarations are
 * checked at defineScenario; a run's values are the defaults with --param
 * over them; unknown names, fractions and values out of bounds are refused
 * naming the param and its bounds, and the CLI exits 2 on them.
 */
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { bufferIo } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import {
  defineScenario,
  paramMins,
  reproduceCommand,
  resolveScenarioParams,
  runScenario,
} from '../../src/scenario/index.ts';

const define = (params: unknown) =>
  defineScenario({ name: 'p', description: 'd', params: params as never, setup: () => null });

describe('params declarations', () => {
  test('a plain integer or { default, min?, max? }', () => {
    const s = define({ rounds: 3, threads: { default: 6, min: 1, max: 32 } });
    expect(resolveScenarioParams(s)).toEqual({ rounds: 3, threads: 6 });
    expect(resolveScenarioParams(s, { threads: 2 })).toEqual({ rounds: 3, threads: 2 });
    expect(paramMins(s)).toEqual({ threads: 1 });
  });

  test('malformed declarations are refused at defineScenario, naming the param', () => {
    expect(() => define({ t: { default: 40, min: 1, max: 32 } })).toThrow(
      /param 't': default 40 is not an integer from 1 to 32/,
    );
    expect(() => define({ t: { default: 2, min: 5, max: 3 } })).toThrow(
      /min \(5\) is above max \(3\)/,
    );
    expect(() => define({ t: 1.5 })).toThrow(/'default' must be an integer/);
    expect(() => define({ t: { default: 1, min: 'a' } })).toThrow(/'min' must be an integer/);
    expect(() => define([1])).toThrow(/'params' must be an object/);
  });

  test('a run refuses unknown names and values out of bounds', () => {
    const s = define({ threads: { default: 6, min: 1, max: 32 } });
    expect(() => resolveScenarioParams(s, { thread: 2 })).toThrow(
      /scenario 'p' has no param 'thread'; its params are threads/,
    );
    expect(() => resolveScenarioParams(s, { threads: 40 })).toThrow(
      /--param threads=40 is out of bounds: threads must be an integer from 1 to 32/,
    );
    expect(() => resolveScenarioParams(s, { threads: 0 })).toThrow(/out of bounds/);
    expect(() => resolveScenarioParams(define(undefined), { x: 1 })).toThrow(/declares no params/);
  });

  test('setup receives them; the report and the reproduce line carry them', () => {
    let seen: unknown = null;
    const s = defineScenario({
      name: 'p',
      description: 'd',
      params: { n: { default: 2, min: 1 } },
      setup: (_sim, params) => (seen = params),
    });
    const r = runScenario(s, { overrides: { params: { n: 5 } } });
    expect(seen).toEqual({ n: 5 });
    expect(r.params).toEqual({ n: 5 });
    expect(r.reproduce).toBe('kernel-sim scenario p --seed 1 --param n=5');
    expect(reproduceCommand('f.ts', 3, { schedule: 'random', params: { a: 1, b: 2 } })).toBe(
      'kernel-sim scenario f.ts --seed 3 --schedule random --param a=1 --param b=2',
    );
  });
});

describe('the CLI refuses a bad --param with exit 2', () => {
  const file = resolve('scenarios/planted/two-slot-registry.ts');
  const cli = async (...argv: string[]) => {
    const io = bufferIo({ cwd: process.cwd() });
    const code = await runCli(argv, io);
    return { code, stderr: io.stderr };
  };

  test.each([
    [['scenario', file, '--seed', '1'], 'workers=65', /workers must be an integer from 1 to 64/],
    [
      ['check', file, '--seeds', '1', '--workers', '1'],
      'workers=0',
      /workers must be an integer from 1 to 64/,
    ],
    [
      ['check', file, '--seeds', '1', '--workers', '1'],
      'threads=3',
      /has no param 'threads'; its params are workers/,
    ],
    [['scenario', 'stuck-swap.ts', '--seed', '1'], 'n=3', /declares no params; drop --param n=3/],
    [
      ['scenario', 'hello.ts', '--seed', '1'],
      'n=3',
      /has no param 'n'; its params are threads, adds/,
    ],
    [['scenario', file, '--seed', '1'], 'workers=x', /--param takes name=integer/],
  ])('%j --param %s', async (argv, param, message) => {
    const r = await cli(...argv, '--param', param);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
