/**
 * withExitGuard: runs a seed with `process.exit` turned into a thrown error,
 * so a scenario that calls it fails the thread (or setup, or expect) it was
 * called from instead of ending the check with no verdict: silently with
 * exit 0 on one worker, or by killing a worker thread on several.
 *
 *   const { value, exited } = withExitGuard(() => checkSeed(scenario, seed));
 *   // exited: the first call's message, so the caller can fail the seed
 *
 * Invariant: the real process.exit is back in place when it returns or throws.
 */

/** What a scenario's process.exit(code) throws inside a check. */
export class ScenarioExitError extends Error {
  override readonly name: string = 'ScenarioExitError';
}

/** run's value, and the first process.exit call's message (null if none: even one caught by the scenario counts). */
export function withExitGuard<T>(run: () => T): { value: T; exited: string | null } {
  const exit = process.exit;
  let exited: string | null = null;
  process.exit = (code?: number | string | null) => {
    const message = `the scenario called process.exit(${code ?? ''}); a scenario ends by returning, not by exiting the process`;
    exited ??= message;
    throw new ScenarioExitError(message);
  };
  try {
    return { value: run(), exited };
  } finally {
    process.exit = exit;
  }
}
