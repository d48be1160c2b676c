/**
 * callLoop: a fresh loop function `(target, n) => checksum` that calls
 * `target.<method>(i)` (or `target.<method>()`) n times. Each loop is compiled
 * from source on its own, so it has its own call site and V8 feedback: a
 * direct-call baseline and a through-the-table figure never share a site, and
 * a loop made for one class stays monomorphic however many classes are alive.
 *
 * `callLoopOver(method, withArg)` is the opposite on purpose: one site that
 * walks an array of targets (target[i & mask]), to show what a shared,
 * megamorphic site costs.
 */
export type CallLoop = (target: object, n: number) => number;
export type CallLoopOver = (targets: readonly object[], n: number) => number;

function check(method: string): void {
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(method))
    throw new RangeError(`callLoop: '${method}' is not a method name`);
}

export function callLoop(method: string, withArg: boolean): CallLoop {
  check(method);
  const call = withArg ? `t.${method}(i)` : `t.${method}()`;
  return new Function(
    't',
    'n',
    `let s = 0; for (let i = 0; i < n; i++) s = (s + ${call}) | 0; return s;`,
  ) as CallLoop;
}

export function callLoopOver(method: string, withArg: boolean): CallLoopOver {
  check(method);
  const call = withArg ? `ts[i & m].${method}(i)` : `ts[i & m].${method}()`;
  return new Function(
    'ts',
    'n',
    `const m = ts.length - 1; let s = 0; for (let i = 0; i < n; i++) s = (s + ${call}) | 0; return s;`,
  ) as CallLoopOver;
}
