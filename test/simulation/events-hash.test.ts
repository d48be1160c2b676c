/**
 * The event hash is a pure function of the event log (hashing a log twice
 * agrees) and it is sensitive to every field of every event type: for
 * each event type the bundled scenarios emit, changing any one field of one
 * event (number, string, flag, array, nested value) changes the hash of the
 * whole log. A hash reduced to event types alone, or one that skips a field,
 * fails here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runScenario } from 'kernel-sim';
import { EventsHasher } from '../../src/simulation/index.ts';
import { loadScenario } from '../../src/cli/load-scenario.ts';

const BUNDLED = readdirSync('scenarios').filter((f) => f.endsWith('.ts'));
type Ev = Record<string, unknown> & { type: string };

function hashOf(events: readonly unknown[]): string {
  const h = new EventsHasher();
  for (const e of events) h.add(e);
  return h.hex;
}

/** A value different from `v` of the same kind. */
function changed(v: unknown): unknown {
  if (typeof v === 'number') return v + 1;
  if (typeof v === 'string') return v + 'x';
  if (typeof v === 'boolean') return !v;
  if (v === null) return 0;
  if (v === undefined) return null;
  if (Array.isArray(v)) return [...v, 0];
  return { changed: v };
}

async function logs(): Promise<{ file: string; events: Ev[]; hash: string }[]> {
  const out = [];
  for (const file of BUNDLED) {
    const scenario = await loadScenario(resolve('scenarios', file));
    const events: Ev[] = [];
    const r = runScenario(scenario, {
      seed: 7,
      attach: (sim) =>
        sim.events$.subscribe((e) => {
          events.push({ ...(e as unknown as Ev) });
        }),
    });
    expect(r.eventsHash, file).toMatch(/^[0-9a-f]{16}$/);
    out.push({ file, events, hash: hashOf(events) });
  }
  return out;
}

describe('the event hash', () => {
  test('is a function of the log; every field of every event type counts', async () => {
    const runs = await logs();
    const firstOfType = new Map<string, { events: Ev[]; index: number }>();
    for (const { file, events, hash } of runs) {
      expect(hashOf(events), file).toBe(hash);
      events.forEach((e, index) => {
        if (!firstOfType.has(e.type)) firstOfType.set(e.type, { events, index });
      });
    }
    // the bundled scenarios cover most declared event types (the rest are
    // error and refusal paths); each covered one is probed field by field
    const declared = new Set(
      [
        'kernel',
        'translation-table',
        'quiescence',
        'hotswap',
        'interposition',
        'transactions',
      ].flatMap((d) =>
        [
          ...readFileSync(
            `src/${d}/${readdirSync(`src/${d}`).find((f) => f.endsWith('-events.ts'))}`,
            'utf8',
          ).matchAll(/type: '([a-z.-]+)'/g),
        ].map((m) => m[1]),
      ),
    );
    expect(firstOfType.size).toBeGreaterThanOrEqual(Math.ceil(declared.size * 0.6));
    let probes = 0;
    for (const [type, { events, index }] of firstOfType) {
      expect(declared.has(type), `${type} is declared in an *-events.ts file`).toBe(true);
      const base = hashOf(events);
      for (const key of Object.keys(events[index])) {
        const copy = events.slice();
        copy[index] = { ...events[index], [key]: changed(events[index][key]) };
        expect(hashOf(copy), `${type}.${key}`).not.toBe(base);
        probes++;
      }
    }
    expect(probes).toBeGreaterThan(firstOfType.size * 3);
  });

  test('field order, cycles and unreadable values are handled deterministically', () => {
    const a: Record<string, unknown> = { type: 't', x: 1, y: 'a' };
    const b: Record<string, unknown> = { y: 'a', type: 't', x: 1 };
    expect(hashOf([a])).toBe(hashOf([b]));
    const cyc: Record<string, unknown> = { type: 'c' };
    cyc.self = cyc;
    expect(hashOf([cyc])).toBe(hashOf([cyc]));
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('no');
        },
        ownKeys: () => {
          throw new Error('no');
        },
      },
    );
    expect(hashOf([{ type: 'h', v: hostile }])).toBe(hashOf([{ type: 'h', v: hostile }]));
    expect(hashOf([{ type: 'n', v: 1 }])).not.toBe(hashOf([{ type: 'n', v: '1' }]));
    expect(hashOf([{ type: 'n', v: 0.5 }])).not.toBe(hashOf([{ type: 'n', v: 1.5 }]));
  });
});
