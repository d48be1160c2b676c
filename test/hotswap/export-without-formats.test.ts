/**
 * An object that defines exportState() but no exportFormats() is refused at
 * negotiate, naming what to add (it used to be swapped as stateless and its
 * state silently lost); the old object keeps serving.
 */
import { describe, expect, test } from 'vitest';
import { createSimulation } from 'kernel-sim';

class Tally {
  n = 0;
  add(): number {
    return ++this.n;
  }
  exportState(): number {
    return this.n;
  }
}

class TallyV2 {
  n = 0;
  add(): number {
    this.n += 1;
    return this.n;
  }
  importFormats(): readonly string[] {
    return ['n'];
  }
  importState(_f: string, v: unknown): void {
    this.n = v as number;
  }
}

class Stateless {
  add(): number {
    return 0;
  }
}

describe('exportState without exportFormats', () => {
  test('is refused at negotiate, naming the fix; the old object keeps its state and serves', () => {
    const sim = createSimulation({ seed: 1 });
    const t = sim.objects.createNamed('tally', Tally);
    t.add();
    t.add();
    const swap = sim.hotswap(t, TallyV2);
    sim.run();
    expect(swap.outcome).toBe('refused');
    expect(swap.reason).toMatch(
      /Tally defines exportState\(\) but no exportFormats\(\): its state cannot be negotiated and would be lost; add exportFormats\(\)/,
    );
    expect(t.add()).toBe(3);
  });

  test('an object with neither is still swapped as stateless', () => {
    const sim = createSimulation({ seed: 1 });
    const s = sim.objects.createNamed('s', Stateless);
    const swap = sim.hotswap(s, Stateless);
    sim.run();
    expect(swap.outcome).toBe('completed');
  });
});
