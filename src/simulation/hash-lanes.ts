/**
 * HashLanes: the streaming hash under the event hash (events-hash.ts): two
 * 32-bit FNV-1a-style lanes, 64 bits of state, fed one 32-bit word at a
 * time. Lane b also takes lane a's high bits after each word, so the two
 * lanes never run in step.
 *
 * Interface (to EventsHasher, which extends it): `mix(word)`, `mix2(x,
 * y)` and `mix3(x, y, z)` (two or three words with the state in locals),
 * `str(s)` (the length then each UTF-16 code unit), `wordsStr(n, w0, w1,
 * s)` (up to two words then str(s), in one call: str is its n = 0), `hex`
 * (the 16 hex digits of the state so far);
 * `fnv(lane, word)` and the protected lanes `s`, for a caller that writes
 * its words out with the lanes in locals (events-hash.ts, the fused forms:
 * straight-line code runs in fewer instructions than a loop over an array
 * of words or a call per few words).
 *
 * Invariant: only 32-bit integer arithmetic (Math.imul, xor, shifts), so
 * the same words give the same hash on any machine, in workers and under
 * --jitless.
 */

/** FNV-1a's 32-bit prime (a const enum: inlined as a literal, so fnv reads no module binding). */
const enum Fnv {
  Prime = 0x01000193,
}

/**
 * One lane's step for one word: FNV-1a's multiply. Small enough that an
 * engine always inlines it, so a hot caller can keep the lanes in locals and
 * write out one step per word (lane b also takes `a >>> 13` after each word,
 * as `mix` does).
 */
export function fnv(lane: number, word: number): number {
  return imul(lane ^ word, Fnv.Prime);
}

/** Math.imul, read once: a module binding is a shorter read than a global's property, which keeps fnv small. */
const imul = Math.imul;

export class HashLanes {
  /**
   * Lanes a and b as raw 32-bit words (an Int32Array: reading and writing
   * them neither boxes a number nor changes a field's representation).
   */
  protected readonly s = Int32Array.of(0x811c9dc5, 0xcbf29ce4);

  get hex(): string {
    const s = this.s;
    return (s[0] >>> 0).toString(16).padStart(8, '0') + (s[1] >>> 0).toString(16).padStart(8, '0');
  }

  protected mix(c: number): void {
    const s = this.s;
    const a = Math.imul(s[0] ^ c, Fnv.Prime);
    s[0] = a;
    s[1] = Math.imul(s[1] ^ c, Fnv.Prime) ^ (a >>> 13);
  }

  /** mix(x), mix(y) with the state in locals. */
  protected mix2(x: number, y: number): void {
    const s = this.s;
    const a = Math.imul(s[0] ^ x, Fnv.Prime);
    const b = Math.imul(s[1] ^ x, Fnv.Prime) ^ (a >>> 13);
    const a2 = Math.imul(a ^ y, Fnv.Prime);
    s[1] = Math.imul(b ^ y, Fnv.Prime) ^ (a2 >>> 13);
    s[0] = a2;
  }

  /** mix(x), mix(y), mix(z) with the state in locals. */
  protected mix3(x: number, y: number, z: number): void {
    const s = this.s;
    let a = Math.imul(s[0] ^ x, Fnv.Prime);
    let b = Math.imul(s[1] ^ x, Fnv.Prime) ^ (a >>> 13);
    a = Math.imul(a ^ y, Fnv.Prime);
    b = Math.imul(b ^ y, Fnv.Prime) ^ (a >>> 13);
    a = Math.imul(a ^ z, Fnv.Prime);
    s[1] = Math.imul(b ^ z, Fnv.Prime) ^ (a >>> 13);
    s[0] = a;
  }

  /** The length, then each UTF-16 code unit. */
  protected str(s: string): void {
    this.wordsStr(0, 0, 0, s);
  }

  /**
   * The first `n` of w0, w1 (mix each), then str(s), with the state in
   * locals: a tagged string or thread in one call (field-hasher.ts value).
   */
  protected wordsStr(n: 0 | 1 | 2, w0: number, w1: number, s: string): void {
    const st = this.s;
    let a = st[0];
    let b = st[1];
    if (n > 0) {
      a = Math.imul(a ^ w0, Fnv.Prime);
      b = Math.imul(b ^ w0, Fnv.Prime) ^ (a >>> 13);
    }
    if (n === 2) {
      a = Math.imul(a ^ w1, Fnv.Prime);
      b = Math.imul(b ^ w1, Fnv.Prime) ^ (a >>> 13);
    }
    const len = s.length;
    a = Math.imul(a ^ len, Fnv.Prime);
    b = Math.imul(b ^ len, Fnv.Prime) ^ (a >>> 13);
    for (let i = 0; i < len; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, Fnv.Prime);
      b = Math.imul(b ^ c, Fnv.Prime) ^ (a >>> 13);
    }
    st[0] = a;
    st[1] = b;
  }
}
