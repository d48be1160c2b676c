/**
 * The event hash's values, pinned (src/simulation/events-hash.ts): a few
 * bundled scenarios at a fixed seed, and the bench's peer workload, hash to
 * the values this version prints. The other hash tests compare two ways of
 * hashing the same events (direct and built, fused and field by field) or
 * ask that a changed field change the hash; none of them would see a change
 * to the encoding that both ways share (a tag word dropped, say). This one
 * does. A change of hash values must be deliberate: update these values in
 * the same commit and say so in docs/ARCHITECTURE.md ("The keyless event hash").
 */
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/cli/load-scenario.ts';
import { runScenario, type ScenarioOverrides } from '../../src/scenario/index.ts';
import { runPeerWorkload } from '../../src/bench/peer-workload.ts';

const SEED = 7;
const PINNED: [file: string, overrides: ScenarioOverrides, hash: string][] = [
  ['counter-negotiation.ts', {}, '01e750acd7c086cb'],
  ['counter-negotiation.ts', { swapMediation: 'per-cpu' }, 'd6367e2797b495a7'],
  ['swap-scheduler.ts', {}, '6c9a063918135dd9'],
  ['accept-loop-update-point.ts', {}, '3a26c994eeeeadc9'],
];

describe(`the event hash's values at seed ${SEED}`, () => {
  test.each(PINNED)('%s %o', { timeout: 120_000 }, async (file, overrides, hash) => {
    const scenario = await loadScenario(resolve('scenarios', file));
    expect(runScenario(scenario, { seed: SEED, overrides }).eventsHash).toBe(hash);
  });

  test('the peer workload, 2,000 threads (default options)', () => {
    expect(runPeerWorkload({ threads: 2000, hashEvents: true }).eventsHash).toBe(
      '0f8cb8b75610651e',
    );
  });
});
