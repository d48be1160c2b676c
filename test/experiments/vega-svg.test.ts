import { describe, expect, test } from 'vitest';
import {
  quiescencePlotSpec,
  renderVegaLiteSvg,
  type QuiescencePointSummary,
} from '../../src/experiments/index.ts';

const p = (
  series: string,
  lifetime: string,
  mean: number,
  cpus: number,
): QuiescencePointSummary => ({
  point: 0,
  series,
  detector: 'event',
  pollTicks: null,
  cpus,
  gapPerCpuTicks: 8,
  lifetime,
  lifetimeMeanTicks: mean,
  runs: 1,
  runsFailed: 0,
  requests: 1,
  unreached: 0,
  latencyMedianTicks: mean,
  latencyP99Ticks: 3 * mean,
  latencyMaxTicks: 3 * mean,
  lagMedianTicks: 0,
  lagP99Ticks: 0,
  lagMaxTicks: 0,
  threadsCompleted: 1,
  simulatedTicks: 1,
  throughputThreadsPerKtick: 1,
});

describe('renderVegaLiteSvg (vega + vega-lite 6.4.0, headless)', () => {
  test('renders a figure with axes, legend and title to SVG, the same bytes each time', async () => {
    const spec = quiescencePlotSpec(
      [
        p('k42/poll=5', 'exp:10', 10, 4),
        p('k42/poll=5', 'exp:40', 40, 4),
        p('event', 'exp:10', 8, 4),
        p('event', 'exp:40', 30, 4),
      ],
      'latency',
    );
    const svg = await renderVegaLiteSvg(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Quiescence latency vs thread lifetime');
    expect(svg).toContain('k42/poll=5');
    expect(svg).toContain('exp:40');
    expect(svg).toContain('<path');
    expect(await renderVegaLiteSvg(spec)).toBe(svg);
  });

  test('renders a faceted figure', async () => {
    const svg = await renderVegaLiteSvg(
      quiescencePlotSpec([p('event', 'exp:10', 10, 1), p('event', 'exp:10', 12, 8)], 'latency'),
    );
    expect(svg).toContain('CPUs');
  });
});
