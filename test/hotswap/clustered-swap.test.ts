/**
 * Hot swap of clustered objects (per-CPU reps).
 */
import { describe, expect, test } from 'vitest';
import {
  ClusteredObject,
  PartitionedCounter,
  createSimulation,
  sleep,
  yieldCpu,
  type TransferContext,
} from 'kernel-sim';

class PartitionedCounter2 extends PartitionedCounter {}

describe('clustered swap', () => {
  test('a rep made on a CPU that first calls the object during forward keeps its state through the swap', () => {
    const sim = createSimulation({ seed: 1, cpus: 2, detector: 'event' });
    const c = sim.objects.create(PartitionedCounter);
    const repCpus: number[] = [];
    sim.select('object.rep-created').subscribe((e) => repCpus.push(e.cpu));
    sim.at(0, () => c.inc()); // kernel context = CPU 0: the only rep at the request
    // a thread alive at the request keeps the swap in forward for ~50 ticks
    sim.spawn('long', function* () {
      yield* sleep(50);
    });
    let swap: ReturnType<typeof sim.hotswap> | undefined;
    sim.at(1, () => {
      swap = sim.hotswap(c, PartitionedCounter2);
    });
    sim.at(3, () => {
      sim.spawn(
        'late',
        function* () {
          for (let i = 0; i < 10; i++) {
            c.inc();
            yield* yieldCpu();
          }
        },
        { cpu: 1 },
      );
    });
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(swap!.outcome, swap!.reason).toBe('completed');
    expect(repCpus).toContain(1); // CPU 1's first rep was made during the swap
    expect(c.value()).toBe(11); // 1 before the swap + 10 on CPU 1 during forward
  });

  test('a clustered object with no rep at the request still transfers the state its reps gain during forward', () => {
    const sim = createSimulation({ seed: 1, cpus: 2, detector: 'event' });
    const c = sim.objects.create(PartitionedCounter);
    sim.spawn('long', function* () {
      yield* sleep(50);
    });
    sim.at(1, () => {
      sim.hotswap(c, PartitionedCounter2);
    });
    sim.at(3, () => {
      for (let i = 0; i < 5; i++) c.inc(); // kernel context, CPU 0, during forward
    });
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(sim.objects.info(c).class).toBe('PartitionedCounter2');
    expect(c.value()).toBe(5);
  });

  test('new reps built for the swap have their cluster view when importState runs', () => {
    class Rep extends ClusteredObject<Rep> {
      n = 0;
      inc(): void {
        this.n++;
      }
      exportFormats(): readonly string[] {
        return ['n'];
      }
      exportState(): unknown {
        return this.n;
      }
      importFormats(): readonly string[] {
        return ['n'];
      }
      importState(_f: string, s: unknown, ctx: TransferContext): void {
        // a rep may consult its own CPU (a method, not the constructor)
        if (this.cluster.cpu !== ctx.cpu) throw new Error('rep on the wrong CPU');
        this.n = s as number;
      }
    }
    class Rep2 extends Rep {}
    const sim = createSimulation({ seed: 1, cpus: 2, detector: 'event' });
    const c = sim.objects.create(Rep);
    sim.at(0, () => c.inc());
    let swap: ReturnType<typeof sim.hotswap> | undefined;
    sim.at(1, () => {
      swap = sim.hotswap(c, Rep2);
    });
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(swap!.outcome, swap!.reason).toBe('completed');
  });

  test("a rep of the new class made after the swap is built with the swap's args", () => {
    class Cfg extends ClusteredObject<Cfg> {
      constructor(readonly limit: number) {
        super();
      }
      getLimit(): number {
        return this.limit;
      }
    }
    class Cfg2 extends Cfg {}
    const sim = createSimulation({ seed: 1, cpus: 2, detector: 'event' });
    const c = sim.objects.create(Cfg, 1);
    sim.at(0, () => c.getLimit()); // rep on CPU 0
    sim.at(1, () => {
      sim.hotswap(c, Cfg2, { args: [99] });
    });
    const seen: number[] = [];
    sim.at(20, () => {
      seen.push(c.getLimit()); // kernel context = CPU 0: the rep the swap built
      sim.spawn(
        'cpu1',
        function* () {
          seen.push(c.getLimit()); // CPU 1's first call: a new Cfg2 rep is made now
          yield* yieldCpu();
        },
        { cpu: 1 },
      );
    });
    const r = sim.run();
    expect(r.outcome, r.reason).toBe('passed');
    expect(sim.objects.info(c).class).toBe('Cfg2');
    expect(seen).toEqual([99, 99]); // CPU 0's rep (built by the swap), then CPU 1's (built later)
  });

  test('a PartitionedCounter swap negotiated at canonical-val completes whether or not events are observed', () => {
    class CanonicalOnly extends PartitionedCounter {
      override importFormats(): readonly string[] {
        return ['canonical-val'];
      }
    }
    const outcome = (hashEvents: boolean) => {
      const sim = createSimulation({ seed: 1, cpus: 2, detector: 'event', hashEvents });
      const c = sim.objects.create(PartitionedCounter);
      sim.objects.info(c); // (no-op; see misc.test.ts for the unobserved fast-path crash)
      sim.at(0, () => sim.objects.call(c, 'add', 5));
      let swap: ReturnType<typeof sim.hotswap> | undefined;
      sim.at(1, () => {
        swap = sim.hotswap(c, CanonicalOnly);
      });
      sim.run();
      return `${swap!.outcome} ${swap!.reason}`;
    };
    expect(outcome(false)).toBe('completed ');
    // observed, the transfer re-exports from the new reps for the checker,
    // before they have a cluster view: value() throws and the swap aborts
    expect(outcome(true)).toBe('completed ');
  });
});
