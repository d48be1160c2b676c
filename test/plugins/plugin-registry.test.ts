import { describe, expect, test } from 'vitest';
import {
  CallCounterPlugin,
  CallLoggerPlugin,
  LatencyTimerPlugin,
  TracerPlugin,
  PLUGINS,
  PluginSpecError,
  createPlugin,
  createSimulation,
  parsePluginSpec,
  pluginNames,
  registerPlugin,
  type Plugin,
} from 'kernel-sim';
import { Store } from './store-fixture.ts';

describe('plugin registry', () => {
  test('parses name and name=arg', () => {
    expect(parsePluginSpec('counter')).toEqual({ name: 'counter', arg: undefined });
    expect(parsePluginSpec('logger=cache.get,b')).toEqual({ name: 'logger', arg: 'cache.get,b' });
    expect(parsePluginSpec('tracer=out=1.json')).toEqual({ name: 'tracer', arg: 'out=1.json' });
  });

  test('creates each registered plugin by name, with the name it is registered under', () => {
    for (const name of pluginNames()) {
      const entry = PLUGINS[name];
      expect(entry.description.length).toBeGreaterThan(10);
      const arg = name === 'tracer' ? undefined : 'a';
      expect(createPlugin(arg === undefined ? name : `${name}=${arg}`).name).toBe(name);
    }
    expect(pluginNames()).toEqual(
      expect.arrayContaining(['checker', 'counter', 'latency', 'logger', 'tracer']),
    );
    expect(createPlugin('counter')).toBeInstanceOf(CallCounterPlugin);
    expect(createPlugin('latency')).toBeInstanceOf(LatencyTimerPlugin);
    expect(createPlugin('logger=a')).toBeInstanceOf(CallLoggerPlugin);
    expect(createPlugin('tracer=out.json')).toBeInstanceOf(TracerPlugin);
  });

  test('a plugin made by name attaches and reports JSON-able data', () => {
    const sim = createSimulation({ seed: 1 });
    const a = sim.objects.createNamed('a', Store);
    const b = sim.objects.createNamed('b', Store);
    const plugins = ['counter=a', 'latency', 'logger=b.put', 'checker'].map(createPlugin);
    for (const p of plugins) p.attach(sim);
    a.put('x', 1);
    b.put('x', 2);
    b.get('x');
    const reports = plugins.map((p) => JSON.parse(JSON.stringify(p.report())) as unknown);
    expect(reports[0]).toEqual({ total: 1, objects: { a: { put: { calls: 1, failed: 0 } } } });
    expect((reports[2] as { lines: string[] }).lines).toEqual([
      'tick 0..0 cpu 0 thread -1 (kernel) call 2: b.put("x", 2) -> undefined',
    ]);
    for (const p of plugins) expect(p.lines().length).toBeGreaterThan(0);
  });

  test('unknown and malformed specs get a clear PluginSpecError listing the known names', () => {
    const known = pluginNames().join(', ');
    expect(() => createPlugin('countr')).toThrow(
      new PluginSpecError(`unknown plugin 'countr'; known plugins: ${known}`),
    );
    expect(() => createPlugin('toString')).toThrow(/unknown plugin 'toString'/);
    expect(() => createPlugin('')).toThrow(/plugin spec is empty; write NAME or NAME=ARG/);
    expect(() => createPlugin('=a')).toThrow(/has no name before '='/);
    expect(() => createPlugin('counter=a.')).toThrow(PluginSpecError);
    expect(() => createPlugin('counter=a.')).toThrow(
      /plugin 'counter' refused 'counter=a\.': object filter 'a\.': rule 'a\.' is empty on one side/,
    );
  });

  test('registerPlugin adds a plugin of your own and refuses duplicates', () => {
    class Nop implements Plugin {
      readonly name = 'nop-test';
      attach(): void {}
      report(): unknown {
        return {};
      }
      lines(): string[] {
        return [];
      }
    }
    registerPlugin('nop-test', {
      description: 'does nothing at all',
      usage: 'no ARG',
      factory: () => new Nop(),
    });
    expect(createPlugin('nop-test')).toBeInstanceOf(Nop);
    expect(() => registerPlugin('nop-test', PLUGINS['nop-test'])).toThrow(/exists already/);
    expect(() => registerPlugin('Bad Name', PLUGINS['nop-test'])).toThrow(/must be lower-case/);
    delete PLUGINS['nop-test'];
  });
});
