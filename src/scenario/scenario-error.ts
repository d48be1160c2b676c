/**
 * ScenarioInputError: the scenario, not kernel-sim, is wrong. A definition
 * that is not well formed, options out of range, or a `setup` that throws.
 * The CLI maps it to exit code 2 ("usage or input error") and prints the
 * message, which names the scenario, what is wrong, and where (`location`,
 * `file:line` of the scenario's own code when it is known).
 *
 * ScenarioSetupError is the `setup` case: it keeps the error setup threw as
 * `cause`.
 */
export class ScenarioInputError extends Error {
  override readonly name: string = 'ScenarioInputError';
  constructor(
    message: string,
    readonly location: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(location === null ? message : `${message}\n    at ${location}`, options);
  }
}

export class ScenarioSetupError extends ScenarioInputError {
  override readonly name: string = 'ScenarioSetupError';
}

/** `file:line` of the first stack frame of `error` in `file` (or the first frame at all when `file` is null). */
export function locateError(error: unknown, file: string | null): string | null {
  if (!(error instanceof Error) || typeof error.stack !== 'string') return null;
  for (const line of error.stack.split('\n')) {
    const m = /^\s+at (?:.*? \()?(?:file:\/\/)?(.+?):(\d+):\d+\)?$/.exec(line);
    if (m === null) continue;
    const [, path, row] = m;
    if (file === null || path === file) return `${path}:${row}`;
  }
  return null;
}
