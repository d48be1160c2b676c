// The CLI's choice lists are copies (so `--help` loads no core): pin them to the core's.
import { describe, expect, it } from 'vitest';
import {
  CLUSTER_EXAMPLES,
  CLUSTER_SCHEDULES,
  DETECTORS,
  ON_FAILED_THREAD_MODES,
  STRATEGY_NAMES,
} from '../../src/cli/program-options.ts';
import { STRATEGY_NAMES as CORE_STRATEGIES } from '../../src/hotswap/index.ts';
import { DETECTOR_NAMES } from '../../src/quiescence/index.ts';
import { ON_FAILED_THREAD_MODES as CORE_MODES } from '../../src/scenario/index.ts';
import { EXAMPLE_NAMES, SCHEDULE_NAMES } from '../../src/cluster/index.ts';

describe('program-options', () => {
  it('lists the same names as the core', () => {
    expect(STRATEGY_NAMES).toEqual([...CORE_STRATEGIES]);
    expect(DETECTORS).toEqual([...DETECTOR_NAMES]);
    expect(ON_FAILED_THREAD_MODES).toEqual([...CORE_MODES]);
    expect(CLUSTER_EXAMPLES).toEqual([...EXAMPLE_NAMES]);
    // the CLI adds 'none' (run without an upgrade) to the cluster's schedules
    expect(CLUSTER_SCHEDULES).toEqual([...SCHEDULE_NAMES, 'none']);
  });
});
