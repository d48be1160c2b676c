/**
 * Review: method-type stubs across successive swaps, and class-wide updates.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { createSimulation } from 'kernel-sim';

class V1 {
  get(k: number): number {
    return k;
  }
}
class V2 {
  lookup(k: number): number {
    return k * 2;
  }
}
class V3 {
  get(k: number): number {
    return k * 3; // V3 serves get() itself again
  }
  lookup(k: number): number {
    return k * 100;
  }
}

describe('review: stubs and class updates', () => {
  test("a stub left by an earlier swap does not shadow the later class's own method", () => {
    const sim = createSimulation({ seed: 1, cpus: 2, detector: 'event' });
    const ref = sim.objects.create(V1);
    const swaps: ReturnType<typeof sim.hotswap>[] = [];
    sim.at(0, () => {
      swaps.push(sim.hotswap(ref, V2, { stubs: { get: (t: V2) => (k: number) => t.lookup(k) } }));
    });
    sim.at(10, () => {
      swaps.push(sim.hotswap(ref, V3));
    });
    let got = -1;
    sim.at(20, () => {
      got = ref.get(1);
    });
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(swaps.map((s) => s.outcome)).toEqual(['completed', 'completed']);
    expect(sim.objects.info(ref).class).toBe('V3');
    expect(got).toBe(3); // today 100: the V1->V2 stub still routes get() to lookup()
  });

  test('updateClass with invalid options throws without redirecting new creations', () => {
    const sim = createSimulation({ seed: 1, cpus: 2 });
    sim.objects.create(V1);
    expect(() => sim.updateClass(V1, V3, { timeoutTicks: 0 })).toThrow(RangeError);
    const fresh = sim.objects.create(V1);
    expect(sim.objects.info(fresh).class).toBe('V1'); // today 'V3'
  });

  test('updateClass A->B then B->A (a downgrade) leaves objects.create(A) terminating', () => {
    // Run in a child process: the bug is an infinite loop in
    // TranslationTable.currentClass (factory A.next = B, B.next = A).
    const probe = fileURLToPath(new URL('./fixtures/class-update-cycle.ts', import.meta.url));
    const r = spawnSync(process.execPath, ['--import', 'jiti/register', probe], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      timeout: 8_000,
      encoding: 'utf8',
    });
    expect(r.error?.message ?? '', r.stderr).not.toMatch(/ETIMEDOUT/);
    expect(r.stdout.trim(), r.stderr).toBe('created A');
  });
});
