/**
 * The request-time veto (prepare) and the two negotiation rules, each pinned
 * where the alternatives would give a different answer.
 */
import { describe, expect, test } from 'vitest';
import { compute, createSimulation, type SimulationEvent } from 'kernel-sim';
import { negotiateFormat } from '../../src/hotswap/index.ts';

class Old {
  n = 5;
  get(): number {
    return this.n;
  }
  exportFormats(): readonly string[] {
    return ['b', 'a', 'c']; // exporter's order: b first
  }
  exportState(): number {
    return this.n;
  }
}
class New {
  n = 0;
  format = '';
  get(): number {
    return this.n;
  }
  importFormats(): readonly string[] {
    return ['c', 'a', 'b']; // importer's preference: c first
  }
  importState(format: string, s: number): void {
    this.format = format;
    this.n = s;
  }
}
const IDS = { a: 1, b: 2, c: 3 }; // K42: lowest id wins -> 'a'

describe('negotiation rules', () => {
  const names = { old: 'Old', new: 'New' };
  test('importer preference, K42 lowest id and the exporter order each pick a different format', () => {
    expect(negotiateFormat(new Old(), new New(), names)).toEqual({ ok: true, format: 'c' });
    expect(negotiateFormat(new Old(), new New(), names, { rule: 'importer' })).toEqual({
      ok: true,
      format: 'c',
    });
    expect(negotiateFormat(new Old(), new New(), names, { rule: 'k42', ids: IDS })).toEqual({
      ok: true,
      format: 'a',
    });
    // (the exporter's order would give 'b': neither rule may)
  });

  test("K42's rule refuses a common format without an id, naming it", () => {
    const n = negotiateFormat(new Old(), new New(), names, { rule: 'k42', ids: { a: 1, b: 2 } });
    expect(n.ok).toBe(false);
    expect(!n.ok && n.reason).toMatch(/no id for common format\(s\) \[c\]/);
  });

  test('through hotswap: the rule decides the transferred format', () => {
    for (const [opts, want] of [
      [{}, 'c'],
      [{ negotiation: 'importer' }, 'c'],
      [{ negotiation: 'k42', formatIds: IDS }, 'a'],
    ] as const) {
      const sim = createSimulation({ seed: 1, cpus: 1, detector: 'event' });
      const ref = sim.objects.create(Old);
      const swap = sim.hotswap(ref, New as unknown as typeof Old, opts);
      const r = sim.run();
      expect(r.outcome, r.reason).toBe('passed');
      expect(swap.outcome).toBe('completed');
      expect(swap.members[0].format).toBe(want);
      expect(ref.get()).toBe(5);
    }
  });

  test("negotiation 'k42' without formatIds, or an unknown rule, is a RangeError", () => {
    const sim = createSimulation({ seed: 1, cpus: 1 });
    const ref = sim.objects.create(Old);
    expect(() => sim.hotswap(ref, Old, { negotiation: 'k42' })).toThrow(/formatIds/);
    expect(() => sim.hotswap(ref, Old, { negotiation: 'exporter' as 'k42' })).toThrow(
      /negotiation must be one of importer, k42/,
    );
  });
});

describe('prepare: the request-time veto', () => {
  function setup(prepare: () => void | string) {
    const sim = createSimulation({ seed: 1, cpus: 2, detector: 'k42' });
    const events: SimulationEvent[] = [];
    sim.events$.subscribe((e) => events.push(e));
    const ref = sim.objects.create(Old);
    let swap: ReturnType<typeof sim.hotswap> | null = null;
    let requestedAt = -1;
    let before = 0;
    // a long call in flight, so a swap that did start would wait in forward
    sim.spawn('busy', function* () {
      yield* compute(50);
    });
    sim.at(7, () => {
      requestedAt = sim.now;
      swap = sim.hotswap(ref, New as unknown as typeof Old, {
        prepare,
        before: () => {
          before++;
        },
      });
    });
    const r = sim.run();
    return { sim, r, events, ref, swap: swap!, requestedAt, before: () => before };
  }

  test('a veto in prepare refuses the swap at the request tick, with nothing moved', () => {
    const { r, events, ref, swap, requestedAt, before, sim } = setup(() => 'not now');
    expect(r.outcome, r.reason).toBe('passed');
    expect(swap.outcome).toBe('refused');
    expect(swap.reason).toBe('vetoed by prepare(): not now');
    expect(swap.phaseTicks).toEqual({ negotiate: 0 }); // never entered forward, block or transfer
    expect(before()).toBe(0);
    const swapEvents = events.filter((e) => e.type.startsWith('swap.'));
    expect(swapEvents.map((e) => e.type)).toEqual([
      'swap.requested',
      'swap.phase-changed',
      'swap.refused',
    ]);
    const refused = swapEvents[2] as Extract<SimulationEvent, { type: 'swap.refused' }> & {
      tick: number;
    };
    expect(refused.vetoedBy).toBe('prepare');
    expect(refused.tick).toBe(requestedAt); // 0 ticks
    expect(sim.objects.info(ref).class).toBe('Old');
    expect(sim.objects.info(ref).version).toBe(1); // the version it was created with
    expect(ref.get()).toBe(5);
  });

  test('prepare that throws is a veto naming the error; prepare returning nothing lets the swap run', () => {
    const thrown = setup(() => {
      throw new Error('boom');
    });
    expect(thrown.swap.outcome).toBe('refused');
    expect(thrown.swap.reason).toBe('prepare() threw: Error: boom');
    const ok = setup(() => undefined);
    expect(ok.swap.outcome).toBe('completed');
    expect(ok.before()).toBe(1);
    expect(ok.swap.members[0].format).toBe('c');
  });
});
