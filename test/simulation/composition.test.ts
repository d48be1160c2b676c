import { describe, expect, test } from 'vitest';
import {
  CLOCK,
  createSimulation,
  inject,
  injectable,
  OBJECT_ARGS,
  RoundRobinPolicy,
  type Clock,
} from 'kernel-sim';

const GREETING = Symbol('greeting');

@injectable()
class Greeter {
  constructor(
    @inject(GREETING) readonly greeting: string,
    @inject(CLOCK) readonly clock: Clock,
    @inject(OBJECT_ARGS) readonly args: readonly unknown[],
  ) {}
  hello(): string {
    return `${this.greeting} ${String(this.args[0])} at ${this.clock.now}`;
  }
}

describe('composition root', () => {
  test('an @injectable object gets its tokens and its create() arguments', () => {
    const sim = createSimulation({ seed: 1 });
    sim.provide(GREETING, 'hello');
    const g = sim.objects.create(Greeter, 'world');
    expect(g.hello()).toBe('hello world at 0');
  });

  test('a swap to a plain subclass of an injected class inherits its injections', () => {
    class Rr2 extends RoundRobinPolicy {}
    @injectable()
    class Rr3 extends RoundRobinPolicy {}
    for (const C of [Rr2, Rr3]) {
      const sim = createSimulation({ seed: 1 });
      for (let i = 0; i < 5; i++) sim.spawn(`t${i}`, function* () {});
      const s = sim.hotswap(sim.scheduler, C);
      expect(sim.run().outcome).toBe('passed');
      expect(s.outcome, s.reason).toBe('completed');
      expect(sim.objects.info(sim.scheduler).class).toBe(C.name);
    }
  });
});
