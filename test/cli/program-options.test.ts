// The CLI's choice lists are copies (so `--help` loads no core): pin them to the core's.
import { describe, expect, it } from 'vitest';
import {
  CLUSTER_EXAMPLES,
  CLUSTER_SCHEDULES,
  collectParam,
  collectPlugin,
  DETECTORS,
  ON_FAILED_THREAD_MODES,
  STRATEGY_NAMES,
} from '../../src/cli/program-options.ts';
import { STRATEGY_NAMES as CORE_STRATEGIES } from '../../src/hotswap/index.ts';
import { DETECTOR_NAMES } from '../../src/quiescence/index.ts';
import { ON_FAILED_THREAD_MODES as CORE_MODES } from '../../src/scenario/index.ts';
import { EXAMPLE_NAMES, SCHEDULE_NAMES } from '../../src/cluster/index.ts';
import { createProgram } from '../../src/cli/program.ts';

describe('program-options', () => {
  it('lists the same names as the core', () => {
    expect(STRATEGY_NAMES).toEqual([...CORE_STRATEGIES]);
    expect(DETECTORS).toEqual([...DETECTOR_NAMES]);
    expect(ON_FAILED_THREAD_MODES).toEqual([...CORE_MODES]);
    expect(CLUSTER_EXAMPLES).toEqual([...EXAMPLE_NAMES]);
    // the CLI adds 'none' (run without an upgrade) to the cluster's schedules
    expect(CLUSTER_SCHEDULES).toEqual([...SCHEDULE_NAMES, 'none']);
  });

  it('--plugin refuses a flag as its value, naming what to write', () => {
    expect(collectPlugin('counter', ['latency'])).toEqual(['latency', 'counter']);
    expect(() => collectPlugin('--json', [])).toThrow(
      /--plugin needs a plugin name before the next flag, e\.g\. '--plugin counter' \(got '--json'/,
    );
  });

  it('help marks required options as required', () => {
    const io = { write: () => {}, writeError: () => {} } as never;
    const program = createProgram(io, () => {});
    const help = (path: string[]) => {
      let c = program;
      for (const name of path) c = c.commands.find((x) => x.name() === name)!;
      return c.helpInformation();
    };
    expect(help(['experiment', 'quiescence'])).toMatch(/--out <dir>\s+\(required\)/);
    expect(help(['experiment', 'strategies'])).toMatch(/--out <dir>\s+\(required\)/);
    expect(help(['worker'])).toMatch(/--queue <url>\s+\(required\)/);
  });

  it('scenario and check --schedule help list the +jitter, +drop and +deviations suffixes; --param is there', () => {
    const io = { write: () => {}, writeError: () => {} } as never;
    const program = createProgram(io, () => {});
    for (const name of ['scenario', 'check']) {
      const help = program.commands
        .find((x) => x.name() === name)!
        .helpInformation()
        .replace(/\s+/g, ' ');
      const schedule = /--schedule <kind> (.*?) --/.exec(help)?.[1] ?? '';
      for (const suffix of ['+jitter=N', '+drop=LIST', '+deviations=K'])
        expect(schedule, `${name}: ${schedule}`).toContain(suffix);
      expect(help).toContain('--param <name=value>');
    }
  });

  it('--param collects name=integer pairs and refuses anything else', () => {
    expect(collectParam('threads=4', { rounds: 2 })).toEqual({ rounds: 2, threads: 4 });
    expect(collectParam('threads=-1', {})).toEqual({ threads: -1 });
    expect(() => collectParam('threads=2.5', {})).toThrow(/--param takes name=integer/);
    expect(() => collectParam('--json', {})).toThrow(/got '--json'/);
  });
});
