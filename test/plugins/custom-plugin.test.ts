/**
 * The "write your own plugin" example of docs/PLUGINS.md, verbatim, run: a
 * plugin written only against the public entry works like the built-in ones.
 */
import { describe, expect, test } from 'vitest';
import {
  InterposingPlugin,
  ObservingMediator,
  PLUGINS,
  createPlugin,
  createSimulation,
  registerPlugin,
  sleep,
  type Call,
  type MethodFilter,
  type Simulation,
} from 'kernel-sim';
import { Store } from './store-fixture.ts';

/** The mediator: one per object, watching every call. */
class SlowCallWatch extends ObservingMediator {
  readonly name = 'slow-calls';
  constructor(
    private readonly sim: Simulation,
    private readonly ticksMin: number,
    private readonly methods: MethodFilter | null,
    private readonly slow: string[],
  ) {
    super();
  }
  override after(call: Call): void {
    const ticks = this.sim.now - call.tickEntered;
    if (ticks < this.ticksMin) return;
    if (this.methods !== null && !this.methods.matches(call.method)) return;
    this.slow.push(
      `${call.objectName}.${call.method} took ${ticks} ticks (call ${call.id}, thread ${call.threadName})`,
    );
  }
}

/** The plugin: attach/detach come from InterposingPlugin. */
export class SlowCallPlugin extends InterposingPlugin {
  readonly name = 'slow-calls';
  readonly slow: string[] = [];
  constructor(
    private readonly ticksMin: number,
    objects?: string,
  ) {
    super(objects);
  }
  protected mediatorFor(_entry: unknown, methods: MethodFilter | null, sim: Simulation) {
    return new SlowCallWatch(sim, this.ticksMin, methods, this.slow);
  }
  report() {
    return { ticksMin: this.ticksMin, slow: [...this.slow] };
  }
  lines() {
    return [
      `slow-calls: ${this.slow.length} calls took ${this.ticksMin}+ ticks`,
      ...this.slow.map((s) => `  ${s}`),
    ];
  }
}

describe('a plugin of your own (docs/PLUGINS.md)', () => {
  test('reports the slow calls, on the filtered objects only, and registers by name', () => {
    const sim = createSimulation({ seed: 1, cpus: 1 });
    const cache = sim.objects.createNamed('cache', Store);
    const other = sim.objects.createNamed('other', Store);
    const slow = new SlowCallPlugin(5, 'cache');
    slow.attach(sim);
    sim.spawn('w1', function* () {
      yield* cache.slowGet('k', 6);
      yield* cache.slowGet('k', 2);
      yield* other.slowGet('k', 9);
      yield* sleep(1);
      yield* cache.slowGet('k', 5);
    });
    expect(sim.run().outcome).toBe('passed');
    expect(slow.lines()).toEqual([
      'slow-calls: 2 calls took 5+ ticks',
      expect.stringMatching(/^ {2}cache\.slowGet took 6 ticks \(call \d+, thread w1\)$/),
      expect.stringMatching(/^ {2}cache\.slowGet took 5 ticks \(call \d+, thread w1\)$/),
    ]);

    registerPlugin('slow-calls', {
      description: 'lists calls that took at least ARG ticks',
      usage: 'ARG: the threshold in ticks',
      factory: (arg) => new SlowCallPlugin(Number(arg ?? 10)),
    });
    try {
      const byName = createPlugin('slow-calls=5') as SlowCallPlugin;
      expect(byName).toBeInstanceOf(SlowCallPlugin);
      expect(byName.report().ticksMin).toBe(5);
    } finally {
      delete PLUGINS['slow-calls'];
    }
  });
});
