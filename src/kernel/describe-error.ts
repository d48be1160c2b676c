/**
 * describeError: one line for any thrown value, `Name: message` for Errors,
 * as thread.failed events and swap reasons show it. It never throws itself:
 * values that cannot be made a string (a null-prototype object, a Proxy whose
 * traps throw, a Symbol) are described by their type, so no event or verdict
 * is lost to the description of an error.
 */
export function describeError(error: unknown): string {
  try {
    if (error instanceof Error) return `${String(error.name)}: ${String(error.message)}`;
    if (error === undefined) return 'undefined (a thrown undefined)';
    return String(error);
  } catch {
    return `an unprintable thrown value (${typeOf(error)})`;
  }
}

function typeOf(value: unknown): string {
  try {
    if (value === null || typeof value !== 'object') return typeof value;
    const proto: unknown = Object.getPrototypeOf(value);
    return proto === null ? 'object with a null prototype' : 'object';
  } catch {
    return 'a Proxy';
  }
}
