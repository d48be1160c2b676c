/**
 * The keyless event hash (src/simulation/events-hash.ts, EVENT_FIELDS in
 * src/simulation/event-fields.ts) is sensitive to every field of every event
 * type: for each declared type, an event is built from its field kinds, and
 * changing any one field (to another integer, a fraction, -0, another
 * string, one already interned, null, a longer array...) changes the hash of
 * a stream that holds it. The same is checked through each direct emitter,
 * argument by argument, so an encoder that drops or reorders a field fails
 * here. The table itself is checked against the SimulationEvent union by
 * the compiler (every type, every field).
 */
import { describe, expect, test } from 'vitest';
import type { DirectEvents } from '../../src/kernel/index.ts';
import { directAction, directOnCpu, directSpawned } from '../../src/kernel/kernel-events-direct.ts';
import {
  directEntered,
  directExited,
  directReached,
} from '../../src/translation-table/call-events-direct.ts';
import { EVENT_FIELDS, EventsHasher, type FieldKind } from '../../src/simulation/index.ts';
import { entryFixture } from '../translation-table/entry-fixture.ts';
import { directInto } from './direct-into.ts';

type Ev = Record<string, unknown>;

/** A stream that interns 'seen-a' and 'seen-b' first, so a sym changed to another known one is probed too. */
function prelude(h: EventsHasher): void {
  h.add({
    type: 'object.created',
    tick: 0,
    seq: 0,
    object: 1,
    name: 'seen-a',
    class: 'seen-b',
    clustered: false,
  });
}

function hashOf(event: Ev): string {
  const h = new EventsHasher();
  prelude(h);
  h.add(event);
  h.add({ type: 'thread.exited', tick: 9, seq: 9, thread: 1, cpu: 0 });
  return h.hex;
}

const SAMPLE: Record<FieldKind, unknown> = { int: 7, sym: 'seen-a', text: 'peer', value: [1, 'x'] };

/** Values different from `v` for a field of kind `kind`. */
function variants(kind: FieldKind, v: unknown): unknown[] {
  switch (kind) {
    case 'int':
      return [8, 6, -7, 0, -0, 7.5, 2 ** 31, -(2 ** 31), 1e21, NaN];
    case 'sym':
      return ['seen-b', 'seen-a ', '', 'fresh', 'Seen-a'];
    case 'text':
      return ['peer2', 'Peer', '', 'pee', 'r'.repeat(3)];
    case 'value':
      return [null, undefined, 0, 1, true, false, 'x', [1], [1, 'y'], [1, 'x', 0], { a: 1 }].filter(
        (x) => JSON.stringify(x) !== JSON.stringify(v) || typeof x !== typeof v,
      );
  }
}

function sampleEvent(type: string): Ev {
  const fields = EVENT_FIELDS[type as keyof typeof EVENT_FIELDS] as Record<string, FieldKind>;
  const e: Ev = { type, tick: 3, seq: 4 };
  for (const [name, kind] of Object.entries(fields)) e[name] = SAMPLE[kind];
  return e;
}

describe('changing any field of any declared event type changes the hash', () => {
  const types = Object.keys(EVENT_FIELDS);

  test('the table declares every event type', () => {
    expect(types.length).toBeGreaterThanOrEqual(45);
    for (const t of ['call.entered', 'call.reached', 'call.exited', 'thread.spawned'])
      expect(types).toContain(t);
  });

  test.each(types)('%s', (type) => {
    const base = sampleEvent(type);
    const h0 = hashOf(base);
    const fields = EVENT_FIELDS[type as keyof typeof EVENT_FIELDS] as Record<string, FieldKind>;
    let probes = 0;
    for (const [name, kind] of [...Object.entries(fields), ['tick', 'int'], ['seq', 'int']] as [
      string,
      FieldKind,
    ][]) {
      const seen = new Set([h0]);
      for (const v of variants(kind, base[name])) {
        const h = hashOf({ ...base, [name]: v });
        expect(h, `${type}.${name} = ${String(v)}`).not.toBe(h0);
        seen.add(h);
        probes++;
      }
      // distinct values of one field give distinct hashes, not one "changed" hash
      expect(seen.size, `${type}.${name}`).toBe(variants(kind, base[name]).length + 1);
    }
    expect(probes).toBeGreaterThan(0);
    // a different type with the same field values hashes differently
    const other = types.find((t) => t !== type)!;
    expect(hashOf({ ...base, type: other })).not.toBe(h0);
    // a field the type does not declare still counts
    expect(hashOf({ ...base, extra: 1 })).not.toBe(h0);
    expect(hashOf({ ...base, extra: 1 })).not.toBe(hashOf({ ...base, extra: 2 }));
  });

  test('an undeclared type falls back to the keyed encoding, every field counted', () => {
    const base = { type: 'user.thing', tick: 1, seq: 2, state: { a: [1, 2], b: 'x' } };
    const h0 = hashOf(base);
    expect(hashOf({ ...base, state: { a: [1, 3], b: 'x' } })).not.toBe(h0);
    expect(hashOf({ ...base, state: { a: [1, 2], c: 'x' } })).not.toBe(h0);
    expect(hashOf({ ...base, tick: 2 })).not.toBe(h0);
  });
});

/** One direct emitter: the type it hashes and its arguments, named as the event's fields. */
interface Emitter {
  readonly type: string;
  readonly fields: Ev;
  emit(d: DirectEvents, f: Ev): void;
}

const n = (v: unknown) => v as number;
const s = (v: unknown) => v as string;
const EMITTERS: Emitter[] = [
  ...(['thread.dispatched', 'thread.preempted', 'thread.yielded', 'thread.exited'] as const).map(
    (type): Emitter => ({
      type,
      fields: { thread: 3, cpu: 1 },
      emit: (d, f) => directOnCpu(d, type, n(f.thread), n(f.cpu)),
    }),
  ),
  {
    type: 'thread.spawned',
    fields: { thread: 3, name: 'peer', parent: 1, daemon: false },
    emit: (d, f) =>
      directSpawned(d, n(f.thread), s(f.name), f.parent as number | null, f.daemon as boolean),
  },
  { type: 'kernel.action', fields: { label: 'at 5' }, emit: (d, f) => directAction(d, s(f.label)) },
  {
    type: 'call.entered',
    fields: {
      call: 9,
      object: 4,
      objectName: 'seen-a',
      method: 'work',
      thread: 3,
      cpu: 1,
      args: [2],
    },
    emit: (d, f) =>
      directEntered(
        d,
        n(f.call),
        entryFixture(n(f.object), s(f.objectName)),
        s(f.method),
        n(f.thread),
        n(f.cpu),
        f.args as unknown[],
      ),
  },
  {
    type: 'call.reached',
    fields: { call: 9, object: 4, version: 1, impl: 'Peer', cpu: 1 },
    emit: (d, f) =>
      directReached(
        d,
        n(f.call),
        entryFixture(n(f.object), null, n(f.version)),
        s(f.impl),
        n(f.cpu),
      ),
  },
  {
    type: 'call.exited',
    fields: { call: 9, object: 4, method: 'work', thread: 3, cpu: 1, error: null },
    emit: (d, f) =>
      directExited(
        d,
        n(f.call),
        entryFixture(n(f.object), null),
        s(f.method),
        n(f.thread),
        n(f.cpu),
        f.error as null,
      ),
  },
];

function directHash(e: Emitter, f: Ev): string {
  const h = new EventsHasher();
  prelude(h);
  e.emit(directInto(h, 3, 4), f);
  h.add({ type: 'thread.exited', tick: 9, seq: 9, thread: 1, cpu: 0 });
  return h.hex;
}

describe('each direct emitter hashes every field it is given', () => {
  test.each(EMITTERS.map((e) => [e.type, e] as const))('%s', (type, e) => {
    const kinds = EVENT_FIELDS[type as keyof typeof EVENT_FIELDS] as Record<string, FieldKind>;
    expect(Object.keys(e.fields)).toEqual(Object.keys(kinds));
    const h0 = directHash(e, e.fields);
    // the same bytes as the built event
    expect(h0).toBe(hashOf({ type, tick: 3, seq: 4, ...e.fields }));
    for (const [name, kind] of Object.entries(kinds))
      for (const v of variants(kind, e.fields[name]).slice(0, 4)) {
        const f = { ...e.fields, [name]: v };
        const h = directHash(e, f);
        expect(h, `${type}.${name} = ${String(v)}`).not.toBe(h0);
        expect(h, `${type}.${name} built`).toBe(hashOf({ type, tick: 3, seq: 4, ...f }));
      }
  });
});
