/**
 * Deque: a double-ended queue on a growable ring buffer. push/shift/pop are
 * O(1) amortised at any length (Array.prototype.shift is O(n) on long
 * arrays, which made 10^5 queued threads quadratic).
 *
 * Interface: push(x) at the tail, shift() from the head, pop() from the tail,
 * peek(), length, toArray() head to tail, clear().
 */
export class Deque<T> {
  private buf: (T | undefined)[];
  private head = 0;
  private size = 0;

  constructor(capacity = 16) {
    this.buf = new Array<T | undefined>(Math.max(4, capacity));
  }

  get length(): number {
    return this.size;
  }

  push(x: T): void {
    if (this.size === this.buf.length) this.grow();
    this.buf[(this.head + this.size) % this.buf.length] = x;
    this.size++;
  }

  shift(): T | undefined {
    if (this.size === 0) return undefined;
    const x = this.buf[this.head];
    this.buf[this.head] = undefined;
    this.head = (this.head + 1) % this.buf.length;
    this.size--;
    return x;
  }

  pop(): T | undefined {
    if (this.size === 0) return undefined;
    const i = (this.head + this.size - 1) % this.buf.length;
    const x = this.buf[i];
    this.buf[i] = undefined;
    this.size--;
    return x;
  }

  peek(): T | undefined {
    return this.size === 0 ? undefined : this.buf[this.head];
  }

  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.size; i++) out.push(this.buf[(this.head + i) % this.buf.length]!);
    return out;
  }

  clear(): void {
    this.buf = new Array<T | undefined>(this.buf.length);
    this.head = 0;
    this.size = 0;
  }

  private grow(): void {
    const next = new Array<T | undefined>(this.buf.length * 2);
    for (let i = 0; i < this.size; i++) next[i] = this.buf[(this.head + i) % this.buf.length];
    this.buf = next;
    this.head = 0;
  }
}
