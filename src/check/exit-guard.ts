/**
 * withExitGuard: runs a seed with the process's escape hatches
 * (`process.exit`, `process.abort`, and `process.kill` aimed at the process
 * itself) turned into a thrown error,
 * so a scenario that calls one fails the thread (or setup, or expect) it
 * was called from instead of ending the run with no verdict: silently with
 * exit 0 under `scenario` or on one check worker, or by killing a worker
 * thread on several. `check` (check-seed.ts) and `scenario`
 * (cli/scenario-command.ts) both run user code under it.
 *
 *   const { value, exited } = withExitGuard(() => checkSeed(scenario, seed));
 *   // exited: the first call's message, so the caller can fail the seed
 *
 * `process.kill` of another process id is let through (a scenario has no
 * business doing it, but it does not end this run). Node's internal
 * `process.reallyExit` is left alone: a reference to the real process.exit
 * taken before the guard still ends the process (a worker that dies that
 * way is check's lost-seed case, test/check/fixtures/kills-worker-on-seed-2.ts).
 *
 * Invariant: the real functions are back in place when it returns or throws.
 */

/** What a scenario's process.exit(code) (or abort, or kill of itself) throws inside a run. */
export class ScenarioExitError extends Error {
  override readonly name: string = 'ScenarioExitError';
}

type Hatch = 'exit' | 'abort' | 'kill';
const HATCHES: readonly Hatch[] = ['exit', 'abort', 'kill'];

/** run's value, and the first escape's message (null if none: even one caught by the scenario counts). */
export function withExitGuard<T>(run: () => T): { value: T; exited: string | null } {
  const p = process as unknown as Record<Hatch, (...args: unknown[]) => unknown>;
  const saved = HATCHES.map((h) => [h, p[h]] as const);
  let exited: string | null = null;
  const escape = (call: string): never => {
    const message = `the scenario called ${call}; a scenario ends by returning, not by exiting the process`;
    exited ??= message;
    throw new ScenarioExitError(message);
  };
  p.exit = (code?: unknown) => escape(`process.exit(${code ?? ''})`);
  p.abort = () => escape('process.abort()');
  const kill = saved[2][1];
  p.kill = (pid: unknown, signal?: unknown) =>
    Number(pid) === process.pid || Number(pid) === 0
      ? escape(`process.kill(${String(pid)}${signal === undefined ? '' : `, ${String(signal)}`})`)
      : kill.call(process, pid, signal);
  try {
    return { value: run(), exited };
  } finally {
    for (const [h, f] of saved) p[h] = f;
  }
}
