/**
 * updateClass swaps the factory with the instances (src/hotswap/class-update.ts,
 * hot-swapper.ts): K42's version rule (new = old + 1, `versionSkip` to jump
 * ahead, never down), later creations get the new class, and a class update
 * whose every instance swap fails rolls the factory back.
 */
import { describe, expect, test } from 'vitest';
import { createSimulation } from 'kernel-sim';

class V1 {
  n = 0;
  get(): number {
    return this.n;
  }
  exportFormats(): string[] {
    return ['n'];
  }
  exportState(): number {
    return this.n;
  }
}
class V2 extends V1 {
  static version = 2;
  importFormats(): string[] {
    return ['n'];
  }
  importState(_f: string, n: number): void {
    this.n = n;
  }
}
class V3 extends V2 {
  static override version = 3;
}
class Undeclared extends V2 {}
class Down extends V2 {
  static override version = 1;
}

describe('updateClass: the version rule', () => {
  test('a class declaring old + 1 is taken; the update reports both versions', () => {
    const sim = createSimulation({ seed: 1, cpus: 1 });
    sim.objects.create(V1);
    const u = sim.updateClass(V1, V2);
    expect([u.fromVersion, u.toVersion]).toEqual([1, 2]);
    expect(sim.run().outcome).toBe('passed');
    expect(u.outcome).toBe('completed');
    // and from V2 (version 2) only 3 is next
    const v = sim.updateClass(V2, V3);
    expect([v.fromVersion, v.toVersion]).toEqual([2, 3]);
  });

  test('a skipped version is refused before anything moves, naming versionSkip', () => {
    const sim = createSimulation({ seed: 1, cpus: 1 });
    const ref = sim.objects.create(V1);
    expect(() => sim.updateClass(V1, V3)).toThrow(
      /V3 declares version 3 but V1 is version 1; K42 takes only version 2: .*versionSkip: true/,
    );
    expect(sim.objects.info(sim.objects.create(V1)).class).toBe('V1');
    expect(sim.run().outcome).toBe('passed');
    expect(sim.objects.info(ref).class).toBe('V1');
    expect(sim.objects.info(ref).version).toBe(1);
  });

  test('versionSkip: true takes a later version; never a lower one', () => {
    const sim = createSimulation({ seed: 1, cpus: 1 });
    sim.objects.create(V1);
    const u = sim.updateClass(V1, V3, { versionSkip: true });
    expect(u.toVersion).toBe(3);
    expect(sim.run().outcome).toBe('passed');
    expect(u.outcome).toBe('completed');
    expect(() => sim.updateClass(V3, Down, { versionSkip: true })).toThrow(
      /Down declares version 1 but V3 is version 3; .*a version only goes up: declare static version = 4/,
    );
    expect(() => sim.updateClass(V1, V2, { versionSkip: 'yes' as never })).toThrow(
      /versionSkip must be true or false/,
    );
  });

  test('a class declaring no version gets old + 1 (an own static: a subclass does not inherit it)', () => {
    const sim = createSimulation({ seed: 1, cpus: 1 });
    sim.objects.create(V1);
    expect(sim.updateClass(V1, Undeclared).toVersion).toBe(2);
  });
});

describe('updateClass: the factory', () => {
  test('creations during and after the update get the new class, in its factory', () => {
    const sim = createSimulation({ seed: 1, cpus: 1, quantumTicks: 5 });
    const old = sim.objects.create(V1);
    const u = sim.updateClass(V1, V2);
    const during = sim.objects.create(V1);
    expect(u.outcome).toBe('pending');
    expect(sim.objects.info(during).class).toBe('V2');
    expect(sim.run().outcome).toBe('passed');
    expect(u.factory).toBe('swapped');
    const after = sim.objects.create(V1);
    expect(sim.objects.info(after).class).toBe('V2');
    expect(sim.objects.instances(V1)).toHaveLength(0);
    expect(sim.objects.instances(V2).map((r) => r.$id)).toEqual([old.$id, during.$id, after.$id]);
  });

  test('every instance swap vetoed: the factory is rolled back (old class, old version)', () => {
    const sim = createSimulation({ seed: 1, cpus: 1 });
    sim.objects.create(V1);
    sim.objects.create(V1);
    const u = sim.updateClass(V1, V2, { prepare: () => 'not now' });
    expect(u.outcome).toBe('aborted');
    expect(u.factory).toBe('rolled back');
    expect(sim.objects.info(sim.objects.create(V1)).class).toBe('V1');
    // the version was undone too: V2 (version 2) is again the next one
    expect(sim.updateClass(V1, V2).toVersion).toBe(2);
  });

  test('one instance vetoed of two: partial, and the factory is swapped', () => {
    const sim = createSimulation({ seed: 1, cpus: 1 });
    sim.objects.createNamed('a', V1);
    sim.objects.createNamed('b', V1);
    const u = sim.updateClass(V1, V2, {
      prepare: (ctx) => (ctx.objects[0] === 'a' ? 'a stays' : undefined),
    });
    expect(sim.run().outcome).toBe('passed');
    expect(u.outcome).toBe('partial');
    expect(u.factory).toBe('swapped');
    expect(sim.objects.info(sim.objects.create(V1)).class).toBe('V2');
  });

  test('an abort after the request (a veto at transfer) rolls the factory back when it settles', () => {
    const sim = createSimulation({ seed: 1, cpus: 1, quantumTicks: 5 });
    sim.objects.create(V1);
    const u = sim.updateClass(V1, V2, { before: () => 'refused at transfer' });
    expect(u.factory).toBe('pending');
    expect(sim.objects.info(sim.objects.create(V1)).class).toBe('V2');
    expect(sim.run().outcome).toBe('passed');
    expect(u.outcome).toBe('aborted');
    expect(u.factory).toBe('rolled back');
    expect(sim.objects.info(sim.objects.create(V1)).class).toBe('V1');
  });

  test('no live instance: the factory is swapped at once', () => {
    const sim = createSimulation({ seed: 1, cpus: 1 });
    const u = sim.updateClass(V1, V2);
    expect([u.outcome, u.factory]).toEqual(['completed', 'swapped']);
    expect(sim.objects.info(sim.objects.create(V1)).class).toBe('V2');
  });
});
