/**
 * The plugin registry: plugins the CLI (and scenario code) can attach by
 * name, as `--plugin NAME` or `--plugin NAME=ARG`.
 *
 * Interface:
 *   PLUGINS                 name -> { description, usage, factory(arg) }
 *   parsePluginSpec(spec)   'name' | 'name=arg' -> { name, arg }
 *   createPlugin(spec)      a new Plugin, or a PluginSpecError that says what
 *                           was wrong and lists the known names
 *   registerPlugin(name, entry)  add a plugin of your own (refuses duplicates)
 *   pluginNames()           the known names, sorted
 *
 * Plugins whose configuration is code (the rewriter, the replicator, an
 * argument checker with your own rules) are not here: construct them in the
 * scenario and call `attach(sim)`, or register a factory of your own.
 */
import { ArgumentCheckerPlugin, FINITE_NUMBERS } from './argument-checker.ts';
import { CallCounterPlugin } from './call-counter.ts';
import { CallLoggerPlugin } from './call-logger.ts';
import { LatencyTimerPlugin } from './latency-timer.ts';
import { TracerPlugin } from './tracer.ts';
import type { Plugin, PluginFactory } from './plugin.ts';

export interface PluginEntry {
  readonly description: string;
  /** What ARG means in NAME=ARG, for help text. */
  readonly usage: string;
  readonly factory: PluginFactory;
}

/** A bad plugin spec: unknown name, malformed text, or an argument the plugin refused. */
export class PluginSpecError extends Error {
  override readonly name = 'PluginSpecError';
}

const FILTER_USAGE =
  'ARG: objects to attach to, e.g. cache or cache.get,Counter*.inc (default: every object)';

export const PLUGINS: Record<string, PluginEntry> = {
  counter: {
    description: 'counts calls per object and method (K42 Arbiter call counter)',
    usage: FILTER_USAGE,
    factory: (arg) => new CallCounterPlugin(arg),
  },
  latency: {
    description: 'histogram of call durations in ticks per object and method (p50/p90/p99/max)',
    usage: FILTER_USAGE,
    factory: (arg) => new LatencyTimerPlugin(arg),
  },
  logger: {
    description:
      'one line per call: ticks, cpu, thread, call id, object.method(args) and result or error',
    usage: FILTER_USAGE,
    factory: (arg) => new CallLoggerPlugin(arg ?? {}),
  },
  checker: {
    description:
      'reports calls that pass NaN or an infinity as an argument (log only; use ArgumentCheckerPlugin in code for your own rules)',
    usage: FILTER_USAGE,
    factory: (arg) =>
      new ArgumentCheckerPlugin({
        rules: FINITE_NUMBERS,
        mode: 'log',
        ...(arg === undefined ? {} : { objects: arg }),
      }),
  },
  tracer: {
    description:
      'writes the run as Chrome Trace Event JSON, one track per thread and CPU (open in ui.perfetto.dev or chrome://tracing)',
    usage: 'ARG: the output file (default trace.json), e.g. tracer=out.json',
    factory: (arg) => new TracerPlugin(arg ?? 'trace.json'),
  },
};

export function pluginNames(): string[] {
  return Object.keys(PLUGINS).sort();
}

export function parsePluginSpec(spec: string): { name: string; arg: string | undefined } {
  if (typeof spec !== 'string' || spec.trim() === '') {
    throw new PluginSpecError(
      `plugin spec is empty; write NAME or NAME=ARG (known plugins: ${pluginNames().join(', ')})`,
    );
  }
  const eq = spec.indexOf('=');
  const name = (eq < 0 ? spec : spec.slice(0, eq)).trim();
  const arg = eq < 0 ? undefined : spec.slice(eq + 1);
  if (name === '')
    throw new PluginSpecError(
      `plugin spec '${spec}' has no name before '='; write NAME or NAME=ARG`,
    );
  return { name, arg };
}

export function createPlugin(spec: string): Plugin {
  const { name, arg } = parsePluginSpec(spec);
  const entry = Object.hasOwn(PLUGINS, name) ? PLUGINS[name] : undefined;
  if (entry === undefined) {
    throw new PluginSpecError(
      `unknown plugin '${name}'; known plugins: ${pluginNames().join(', ')}`,
    );
  }
  try {
    return entry.factory(arg);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new PluginSpecError(`plugin '${name}' refused '${spec}': ${why} (${entry.usage})`, {
      cause: err,
    });
  }
}

export function registerPlugin(name: string, entry: PluginEntry): void {
  if (!/^[a-z][a-z0-9-]*$/.test(name))
    throw new PluginSpecError(
      `registerPlugin: name '${name}' must be lower-case letters, digits and '-', starting with a letter`,
    );
  if (Object.hasOwn(PLUGINS, name))
    throw new PluginSpecError(
      `registerPlugin: a plugin named '${name}' exists already; pick another name`,
    );
  PLUGINS[name] = entry;
}
