/**
 * logLogSlope: the least-squares slope of log(y) against log(x). For time
 * against work, 1 is linear, 2 quadratic; for time against CPUs at fixed work,
 * 0 is flat.
 */
export function logLogSlope(points: readonly { readonly x: number; readonly y: number }[]): number {
  const xs = points.map((p) => Math.log(p.x));
  const ys = points.map((p) => Math.log(p.y));
  const n = points.length;
  if (n < 2) return NaN;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return num / den;
}
