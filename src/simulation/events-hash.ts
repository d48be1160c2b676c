/**
 * EventsHasher: the event hash (EventHashSink, kernel event-hash-sink.ts):
 * whole events, built or field by field, as EventStreamHasher encodes them
 * (event-stream-hasher.ts: the encoding is described there), and the fused
 * forms (FusedEvents): `stampNext(tick, seq)`, then one call per event for
 * the call events and the events of two int fields.
 *
 * Interface: EventStreamHasher's (`add`, `beginEvent`, `beginDirect`, the
 * field methods, `count`, `hex`) and `stampNext`, `ints2`, `callEntered`,
 * `callEnteredArgs`, `callReached`, `callExited`.
 *
 * A fused form mixes the event's words, written out one `fnv` step each
 * with the lanes in locals (hash-lanes.ts), when every field is on its fast
 * path: the type's symbol id known, stamp and int fields 32-bit integers
 * (tick and seq > 0), the object's name and method or implementation ids
 * cached (object-sym-cache.ts), no error. Else it hashes field by field
 * through beginDirect and the field methods (which also fill the caches).
 * Both give the same bytes, and the fast path interns no string, so symbol
 * ids are given in the same order either way (docs/ARCHITECTURE.md, "Fused
 * call events").
 */
import type { DirectType, EventHashSink, NamedObject } from '../kernel/index.ts';
import { EventStreamHasher } from './event-stream-hasher.ts';
import { Tag, Word } from './field-hasher.ts';
import { fnv } from './hash-lanes.ts';

export { SYMS_MAX } from './field-hasher.ts';

/**
 * What `int` hashes as one word: a 32-bit integer but -0 and -2^31. Split
 * so that the common case (a positive integer: ids, ticks, seqs) is a
 * function small enough for an engine to inline everywhere.
 */
function isWord(v: number): boolean {
  return v > 0 ? (v | 0) === v : isWordAtMost0(v);
}

function isWordAtMost0(v: number): boolean {
  return (v | 0) === v && v !== (Word.IntEscape as number) && (v !== 0 || 1 / v > 0);
}

/**
 * isWord of four values, in one call. A fused form calls this, not isWord
 * four times: a form that writes out dozens of fnv steps spends V8's
 * inlining budget on them, and once isWord has optimized code of its own
 * (with isWordAtMost0 inlined) it is no longer "small", so each isWord in
 * such a form became a call of its own (docs/BENCHMARKS.md, "Reused call
 * records").
 */
function areWords(a: number, b: number, c: number, d: number): boolean {
  return isWord(a) && isWord(b) && isWord(c) && isWord(d);
}

export class EventsHasher extends EventStreamHasher implements EventHashSink {
  /** The stamp stampNext gave, for the next fused form. */
  private tick = 0;
  private seq = 0;

  stampNext(tick: number, seq: number): void {
    this.tick = tick;
    this.seq = seq;
  }

  /** The symbol id of a direct type if it and the stamp have a fast path (tick and seq words > 0), else 0. */
  private fastTypeId(type: DirectType): number {
    const tick = this.tick;
    const seq = this.seq;
    return tick > 0 && seq > 0 && (tick | 0) === tick && (seq | 0) === seq
      ? this.typeIds[type.slot]
      : 0;
  }

  // Each fast path below keeps the lanes in locals and writes one step per
  // word (HashLanes.mix written out): a call per word, or per few words,
  // cost more than the words' arithmetic (docs/BENCHMARKS.md, "Fused call
  // events").

  ints2(type: DirectType, x: number, y: number): void {
    const t = this.fastTypeId(type);
    if (t > 0 && isWord(x) && isWord(y)) {
      const s = this.s;
      let a = fnv(s[0], t);
      let b = fnv(s[1], t) ^ (a >>> 13);
      a = fnv(a, this.tick);
      b = fnv(b, this.tick) ^ (a >>> 13);
      a = fnv(a, this.seq);
      b = fnv(b, this.seq) ^ (a >>> 13);
      a = fnv(a, x);
      b = fnv(b, x) ^ (a >>> 13);
      a = fnv(a, y);
      s[1] = fnv(b, y) ^ (a >>> 13);
      s[0] = a;
      this.count++;
      return;
    }
    this.beginDirect(type, this.tick, this.seq);
    this.int(x);
    this.int(y);
  }

  callEntered(
    type: DirectType,
    call: number,
    o: NamedObject,
    method: string,
    thread: number,
    cpu: number,
    args: readonly unknown[],
  ): void {
    const empty = Array.isArray(args) && args.length === 0;
    if (!this.enteredFast(type, call, o, method, thread, cpu, empty))
      this.enteredSlow(type, call, o, method, thread, cpu);
    else if (empty) return;
    this.list(args);
  }

  callEnteredArgs(
    type: DirectType,
    call: number,
    o: NamedObject,
    method: string,
    thread: number,
    cpu: number,
    n: number,
    a0: unknown,
    a1: unknown,
    a2: unknown,
    a3: unknown,
  ): void {
    if (!this.enteredFast(type, call, o, method, thread, cpu, n === 0))
      this.enteredSlow(type, call, o, method, thread, cpu);
    else if (n === 0) return;
    this.items(n);
    if (n > 0) this.value(a0);
    if (n > 1) this.value(a1);
    if (n > 2) this.value(a2);
    if (n > 3) this.value(a3);
  }

  /**
   * call.entered up to its args, and with `empty` its args too (an empty
   * array), if every word has a fast path; else false, having hashed nothing.
   */
  private enteredFast(
    type: DirectType,
    call: number,
    o: NamedObject,
    method: string,
    thread: number,
    cpu: number,
    empty: boolean,
  ): boolean {
    const id = o.id;
    const slot = this.objects.slotOf(id);
    const nameId = slot.nameIdOf(o);
    const methodId = slot.methodIdOf(method);
    const t = this.fastTypeId(type);
    if (!(t > 0 && nameId > 0 && methodId > 0)) return false;
    if (!areWords(call, id, thread, cpu)) return false;
    const s = this.s;
    let a = fnv(s[0], t);
    let b = fnv(s[1], t) ^ (a >>> 13);
    a = fnv(a, this.tick);
    b = fnv(b, this.tick) ^ (a >>> 13);
    a = fnv(a, this.seq);
    b = fnv(b, this.seq) ^ (a >>> 13);
    a = fnv(a, call);
    b = fnv(b, call) ^ (a >>> 13);
    a = fnv(a, id);
    b = fnv(b, id) ^ (a >>> 13);
    a = fnv(a, nameId);
    b = fnv(b, nameId) ^ (a >>> 13);
    a = fnv(a, methodId);
    b = fnv(b, methodId) ^ (a >>> 13);
    a = fnv(a, thread);
    b = fnv(b, thread) ^ (a >>> 13);
    a = fnv(a, cpu);
    b = fnv(b, cpu) ^ (a >>> 13);
    if (empty) {
      a = fnv(a, Tag.Array); // args: an empty array
      b = fnv(b, Tag.Array) ^ (a >>> 13);
      a = fnv(a, 0);
      b = fnv(b, 0) ^ (a >>> 13);
    }
    s[0] = a;
    s[1] = b;
    this.count++;
    return true;
  }

  /** call.entered up to its args, field by field. */
  private enteredSlow(
    type: DirectType,
    call: number,
    o: NamedObject,
    method: string,
    thread: number,
    cpu: number,
  ): void {
    this.beginDirect(type, this.tick, this.seq);
    this.int(call);
    this.int(o.id);
    this.objectName(o);
    this.method(o, method);
    this.int(thread);
    this.int(cpu);
  }

  callReached(
    type: DirectType,
    call: number,
    o: NamedObject,
    version: number,
    impl: string,
    cpu: number,
  ): void {
    const id = o.id;
    const implId = this.objects.slotOf(id).implIdOf(impl);
    const t = this.fastTypeId(type);
    const ints = areWords(call, id, version, cpu);
    if (t > 0 && implId > 0 && ints) {
      const s = this.s;
      let a = fnv(s[0], t);
      let b = fnv(s[1], t) ^ (a >>> 13);
      a = fnv(a, this.tick);
      b = fnv(b, this.tick) ^ (a >>> 13);
      a = fnv(a, this.seq);
      b = fnv(b, this.seq) ^ (a >>> 13);
      a = fnv(a, call);
      b = fnv(b, call) ^ (a >>> 13);
      a = fnv(a, id);
      b = fnv(b, id) ^ (a >>> 13);
      a = fnv(a, version);
      b = fnv(b, version) ^ (a >>> 13);
      a = fnv(a, implId);
      b = fnv(b, implId) ^ (a >>> 13);
      a = fnv(a, cpu);
      s[1] = fnv(b, cpu) ^ (a >>> 13);
      s[0] = a;
      this.count++;
      return;
    }
    this.beginDirect(type, this.tick, this.seq);
    this.int(call);
    this.int(id);
    this.int(version);
    this.impl(o, impl);
    this.int(cpu);
  }

  callExited(
    type: DirectType,
    call: number,
    o: NamedObject,
    method: string,
    thread: number,
    cpu: number,
    error: string | null,
  ): void {
    const id = o.id;
    const methodId = this.objects.slotOf(id).methodIdOf(method);
    const t = this.fastTypeId(type);
    const fast = t > 0 && methodId > 0 && error === null;
    const ints = areWords(call, id, thread, cpu);
    if (fast && ints) {
      const s = this.s;
      let a = fnv(s[0], t);
      let b = fnv(s[1], t) ^ (a >>> 13);
      a = fnv(a, this.tick);
      b = fnv(b, this.tick) ^ (a >>> 13);
      a = fnv(a, this.seq);
      b = fnv(b, this.seq) ^ (a >>> 13);
      a = fnv(a, call);
      b = fnv(b, call) ^ (a >>> 13);
      a = fnv(a, id);
      b = fnv(b, id) ^ (a >>> 13);
      a = fnv(a, methodId);
      b = fnv(b, methodId) ^ (a >>> 13);
      a = fnv(a, thread);
      b = fnv(b, thread) ^ (a >>> 13);
      a = fnv(a, cpu);
      b = fnv(b, cpu) ^ (a >>> 13);
      a = fnv(a, Tag.Null); // error: null
      s[1] = fnv(b, Tag.Null) ^ (a >>> 13);
      s[0] = a;
      this.count++;
      return;
    }
    this.beginDirect(type, this.tick, this.seq);
    this.int(call);
    this.int(id);
    this.method(o, method);
    this.int(thread);
    this.int(cpu);
    this.stringOrNull(error);
  }
}
