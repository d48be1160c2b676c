/**
 * Streaming JSON: a value written as JSON in pieces, so a trace or report of
 * millions of calls never becomes one string (V8 caps a string at about 2^29
 * characters, and one string that size doubles the peak memory).
 *
 * Interface: `streamJson(value, sink)` writes exactly the bytes
 * `JSON.stringify(value)` would, for plain data (no toJSON), through
 * `sink(text)`; `fileSink(path)` buffers pieces into writes of about 1 MB
 * and `close()`s the file.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

/** Arrays longer than this are written element by element. */
const STREAM_FROM = 256;

export function streamJson(value: unknown, sink: (text: string) => void): void {
  if (Array.isArray(value) && value.length > STREAM_FROM) {
    sink('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) sink(',');
      const v: unknown = value[i];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') sink('null');
      else streamJson(v, sink);
    }
    sink(']');
    return;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && isLarge(value)) {
    sink('{');
    let first = true;
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      sink(`${first ? '' : ','}${JSON.stringify(k)}:`);
      first = false;
      streamJson(v, sink);
    }
    sink('}');
    return;
  }
  sink(JSON.stringify(value));
}

/** An object holding a long array somewhere below it (one level of nesting is enough for our data). */
function isLarge(o: object): boolean {
  for (const v of Object.values(o)) {
    if (Array.isArray(v) && v.length > STREAM_FROM) return true;
    if (typeof v === 'object' && v !== null && !Array.isArray(v))
      for (const w of Object.values(v)) if (Array.isArray(w) && w.length > STREAM_FROM) return true;
  }
  return false;
}

export interface FileSink {
  readonly write: (text: string) => void;
  close(): void;
}

/** Writes to `path` in chunks of about `chunkChars` characters. */
export function fileSink(path: string, chunkChars = 1 << 20): FileSink {
  const fd = openSync(path, 'w');
  let parts: string[] = [];
  let size = 0;
  const flush = (): void => {
    if (parts.length === 0) return;
    writeSync(fd, parts.join(''));
    parts = [];
    size = 0;
  };
  return {
    write(text: string): void {
      parts.push(text);
      size += text.length;
      if (size >= chunkChars) flush();
    },
    close(): void {
      try {
        flush();
      } finally {
        closeSync(fd);
      }
    },
  };
}
