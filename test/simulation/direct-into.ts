/**
 * directInto: a stand-in for the event bus's DirectEvents face (kernel
 * event-bus.ts) that stamps every event with `tick` and `seq` and feeds the
 * hasher `h`, through `begin` (field by field) and `stamp` (the fused
 * forms), as the bus does while only the event hash listens.
 */
import type { DirectEvents } from '../../src/kernel/index.ts';
import type { EventsHasher } from '../../src/simulation/index.ts';

export function directInto(h: EventsHasher, tick: number, seq: number): DirectEvents {
  return {
    begin: (type) => {
      h.beginDirect(type, tick, seq);
      return h;
    },
    stamp: () => {
      h.stampNext(tick, seq);
      return h;
    },
  };
}
