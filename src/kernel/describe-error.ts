/**
 * describeError: one line for any thrown value, `Name: message` for Errors,
 * as thread.failed events and swap reasons show it.
 */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
