/**
 * A plugin filter that selects nothing is a warning naming the rule and what
 * there is to select (`--plugin logger=cache.get` on a run whose object is
 * `file-cache` used to print "logger: 0 calls" and nothing else).
 */
import { describe, expect, test } from 'vitest';
import { CallCounterPlugin, CallLoggerPlugin, createSimulation, ObjectFilter } from 'kernel-sim';
import { Store } from './store-fixture.ts';

function attached(filter: string) {
  const sim = createSimulation({ seed: 1 });
  const store = sim.objects.createNamed('store', Store);
  sim.spawn('t', function* () {
    store.put('k', 1);
    store.get('k');
  });
  const logger = new CallLoggerPlugin(filter);
  logger.attach(sim);
  sim.run();
  return logger;
}

describe('plugin filter warnings', () => {
  test('a rule that matches no object names the rule and the objects', () => {
    const w = attached('cache.get').warnings();
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/filter rule 'cache\.get' matches no object \(objects: [^)]*store/);
  });

  test('a rule whose object matches but whose method does not lists the methods', () => {
    const w = attached('store.gte').warnings();
    expect(w).toEqual([
      "filter rule 'store.gte' matches no method of store (methods: fail, get, put, slowGet)",
    ]);
  });

  test('rules that select something, and no filter, warn of nothing', () => {
    expect(attached('store.get,Store.put*').warnings()).toEqual([]);
    const counter = new CallCounterPlugin();
    const sim = createSimulation({ seed: 1 });
    sim.objects.createNamed('store', Store);
    counter.attach(sim);
    expect(counter.warnings()).toEqual([]);
  });

  test('ObjectFilter.unmatched checks each rule on its own', () => {
    const objects = [{ name: 'a', className: 'A', methods: ['x'] }];
    expect(ObjectFilter.parse('a.x,b,a.y').unmatched(objects)).toEqual([
      "filter rule 'b' matches no object (objects: a); OBJECT is an object's name or class name",
      "filter rule 'a.y' matches no method of a (methods: x)",
    ]);
  });
});
