/**
 * The event hash's fused forms (src/simulation/events-hash.ts, FusedEvents
 * in src/kernel/event-hash-sink.ts): one call per call event and per
 * { thread, cpu } event, mixing the words in straight-line code when every
 * field has a fast path (symbol ids cached, int fields 32-bit integers).
 * The cache is warm only from the second event of an object on, so each
 * case here hashes an event twice with plain fields (the second time on the
 * fast path, checked: no field-by-field start) and then with one field
 * changed to a value the fast path must refuse (-0, -2^31, 2^31, 0.5, NaN)
 * or take (0, -1), and compares every step with hashing the built event.
 */
import { describe, expect, test, vi } from 'vitest';
import type { DirectEvents } from '../../src/kernel/index.ts';
import { directOnCpu } from '../../src/kernel/kernel-events-direct.ts';
import { EventsHasher } from '../../src/simulation/index.ts';
import { directEnteredArgs } from '../../src/translation-table/call-entered-args.ts';
import {
  directEntered,
  directExited,
  directReached,
} from '../../src/translation-table/call-events-direct.ts';
import { entryFixture } from '../translation-table/entry-fixture.ts';
import { directInto } from './direct-into.ts';

const VALUES = [0, -0, -1, 2 ** 31, 2 ** 31 - 1, -(2 ** 31), 0.5, NaN, 12];

type Fields = Record<string, number>;

interface Form {
  readonly type: string;
  /** The int fields a case may change (besides the stamp). */
  readonly ints: readonly string[];
  readonly plain: Fields;
  /** Emit through the direct emitter; `built` is the event it stands for. */
  emit(d: DirectEvents, f: Fields): void;
  built(f: Fields): Record<string, unknown>;
}

const named = entryFixture(7, 'scheduler');

const entries = new Map<string, ReturnType<typeof entryFixture>>();

/** The entry of object `f.object` at `f.version`: one each, so a name's cache stays warm across events. */
function entry(f: Fields, given: boolean): ReturnType<typeof entryFixture> {
  if (given) return named;
  const key = [f.object, f.version ?? 1]
    .map((n) => (Object.is(n, -0) ? '-0' : String(n)))
    .join('/');
  let e = entries.get(key);
  if (e === undefined) entries.set(key, (e = entryFixture(f.object, null, f.version ?? 1)));
  return e;
}

/** call.entered of `work` on object f.object (default name) with `args`, as built. */
function workEntered(f: Fields, args: unknown[]): Record<string, unknown> {
  return {
    type: 'call.entered',
    call: f.call,
    object: f.object,
    objectName: entry(f, false).name,
    method: 'work',
    thread: f.thread,
    cpu: f.cpu,
    args,
  };
}

/** call.reached of object f.object at f.version, implementation 'Fixture', as built. */
function fixtureReached(f: Fields): Record<string, unknown> {
  return {
    type: 'call.reached',
    call: f.call,
    object: f.object,
    version: f.version,
    impl: 'Fixture',
    cpu: f.cpu,
  };
}

const FORMS: Form[] = [
  {
    type: 'call.entered (empty args, default name)',
    ints: ['call', 'object', 'thread', 'cpu'],
    plain: { call: 3, object: 9, thread: 4, cpu: 1 },
    emit: (d, f) => directEntered(d, f.call, entry(f, false), 'work', f.thread, f.cpu, []),
    built: (f) => workEntered(f, []),
  },
  {
    type: 'call.entered (two args one by one, given name)',
    ints: ['call', 'thread', 'cpu'],
    plain: { call: 3, object: 7, thread: -1, cpu: 0 },
    emit: (d, f) =>
      directEnteredArgs(d, f.call, named, 'enqueue', f.thread, f.cpu, 2, 5, 'preempted', 0, 0),
    built: (f) => ({
      type: 'call.entered',
      call: f.call,
      object: 7,
      objectName: 'scheduler',
      method: 'enqueue',
      thread: f.thread,
      cpu: f.cpu,
      args: [5, 'preempted'],
    }),
  },
  {
    type: 'call.reached',
    ints: ['call', 'object', 'version', 'cpu'],
    plain: { call: 3, object: 9, version: 2, cpu: 1 },
    emit: (d, f) => directReached(d, f.call, entry(f, false), 'Fixture', f.cpu),
    built: (f) => fixtureReached(f),
  },
  {
    type: 'call.exited',
    ints: ['call', 'object', 'thread', 'cpu'],
    plain: { call: 3, object: 9, thread: 4, cpu: 1 },
    emit: (d, f) => directExited(d, f.call, entry(f, false), 'work', f.thread, f.cpu, null),
    built: (f) => ({
      type: 'call.exited',
      call: f.call,
      object: f.object,
      method: 'work',
      thread: f.thread,
      cpu: f.cpu,
      error: null,
    }),
  },
  {
    type: 'thread.dispatched',
    ints: ['thread', 'cpu'],
    plain: { thread: 4, cpu: 1 },
    emit: (d, f) => directOnCpu(d, 'thread.dispatched', f.thread, f.cpu),
    built: (f) => ({ type: 'thread.dispatched', thread: f.thread, cpu: f.cpu }),
  },
];

/** Hash `f` both ways at (tick, seq); the two hashes must agree. */
function both(
  form: Form,
  direct: EventsHasher,
  built: EventsHasher,
  f: Fields,
  tick: number,
  seq: number,
  label = '',
): void {
  form.emit(directInto(direct, tick, seq), f);
  built.add({ ...form.built(f), tick, seq });
  expect(direct.hex, label).toBe(built.hex);
  expect(direct.count, label).toBe(built.count);
}

describe('each fused form: the fast path and every refusal hash as the built event', () => {
  for (const form of FORMS) {
    test(form.type, () => {
      let cases = 0;
      for (const field of [...form.ints, 'tick', 'seq'])
        for (const v of VALUES) {
          const direct = new EventsHasher();
          const built = new EventsHasher();
          both(form, direct, built, form.plain, 5, 1); // cold: field by field, fills the caches
          const begin = vi.spyOn(direct, 'beginDirect');
          both(form, direct, built, form.plain, 5, 2); // warm: the fast path
          expect(begin).not.toHaveBeenCalled();
          const f = field in form.plain ? { ...form.plain, [field]: v } : form.plain;
          const tick = field === 'tick' ? v : 6;
          const seq = field === 'seq' ? v : 3;
          both(form, direct, built, f, tick, seq, `${field} = ${Object.is(v, -0) ? '-0' : v}`);
          cases++;
        }
      expect(cases).toBe((form.ints.length + 2) * VALUES.length);
    });
  }

  test('a changed field changes the hash on the fast path too', () => {
    for (const form of FORMS)
      for (const field of form.ints) {
        const a = new EventsHasher();
        const b = new EventsHasher();
        for (const h of [a, b]) form.emit(directInto(h, 5, 1), form.plain);
        form.emit(directInto(a, 5, 2), form.plain);
        form.emit(directInto(b, 5, 2), { ...form.plain, [field]: form.plain[field] + 1 });
        expect(a.hex, `${form.type} ${field}`).not.toBe(b.hex);
      }
  });
});
