/**
 * Plugin: something that attaches itself to a simulation (usually by
 * installing mediators in front of objects) and reports what it saw. The CLI
 * attaches plugins by name (`--plugin counter --plugin logger=cache`) through
 * the registry in plugin-registry.ts; scenario code can `new` them directly.
 *
 * Interface:
 *   name       the registry name ('counter', 'logger', ...)
 *   attach(sim)  start observing: install mediators on the objects live now
 *                (attaching again picks up objects created since)
 *   detach()     optional: remove what attach installed; calls already past
 *                a mediator finish through it
 *   report()     a JSON-able summary (the CLI's `--json` output embeds it)
 *   lines()      the same for humans, one string per line
 *   warnings()   optional: what the user probably got wrong (a filter that
 *                selects nothing); the CLI prints them under the plugin's lines
 *
 * PluginFactory builds a plugin from the text after `=` in `name=arg`
 * (undefined when there is none).
 */
import type { Simulation } from '../simulation/index.ts';

export interface Plugin {
  readonly name: string;
  attach(sim: Simulation): void;
  detach?(): void;
  report(): unknown;
  lines(): string[];
  warnings?(): string[];
}

export type PluginFactory = (arg: string | undefined) => Plugin;
