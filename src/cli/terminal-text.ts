/**
 * terminalSafe: user strings (scenario names, descriptions, thread names,
 * reasons, summaries, plugin lines) made harmless for a terminal. Control
 * characters other than newline and tab (ANSI escapes among them, which could
 * move the cursor and overwrite the FAILED line) are shown as `\xNN` instead
 * of being sent raw. Our own colours are added after, so they survive.
 *
 * Interface: `terminalSafe(text)` for one string; `terminalSafeData(value)`
 * for a whole report or summary (every string inside, at any depth; a new
 * value, the input untouched).
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function terminalSafeData<T>(value: T): T {
  if (typeof value === 'string') return terminalSafe(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => terminalSafeData(v)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = terminalSafeData(v);
    return out as T;
  }
  return value;
}
