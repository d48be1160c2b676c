import { describe, expect, test } from 'vitest';
import { ClusterTimeline, clusterLanesHtml, nodeSegments } from '../../src/cluster/index.ts';
import { versionColor } from '../../src/report/index.ts';

function timeline(): ClusterTimeline {
  const t = new ClusterTimeline(3, 1);
  t.mark(10, 0, 1, 'upgrading');
  t.mark(20, 0, 2, 'upgraded');
  t.mark(15, 1, 1, 'failed');
  t.mark(40, 1, 1, 'restarted');
  t.mark(40, 1, 1, 'upgrading');
  t.mark(52, 1, 2, 'upgraded');
  return t;
}

describe('the cluster timeline as lanes', () => {
  test('per node, contiguous spans from 0 to the end: version, upgrading, down', () => {
    expect(nodeSegments(timeline(), 100)).toEqual([
      [
        { start: 0, end: 10, version: 1, state: 'up' },
        { start: 10, end: 20, version: 1, state: 'upgrading' },
        { start: 20, end: 100, version: 2, state: 'up' },
      ],
      [
        { start: 0, end: 15, version: 1, state: 'up' },
        { start: 15, end: 40, version: 1, state: 'down' },
        { start: 40, end: 52, version: 1, state: 'upgrading' },
        { start: 52, end: 100, version: 2, state: 'up' },
      ],
      [{ start: 0, end: 100, version: 1, state: 'up' }],
    ]);
  });

  test('the HTML page: one lane per node, a rect per span, the marks, no script', () => {
    const html = clusterLanesHtml(timeline(), 100, 'ring <seed 1>', versionColor);
    expect(html.match(/<g data-lane="node-\d+">/g)).toHaveLength(3);
    expect(html.match(/<rect data-state=/g)).toHaveLength(8);
    expect(html).toContain(
      '<rect data-state="down" data-version="1" data-start="15" data-end="40"',
    );
    expect(html).toContain('fill="url(#upgrading)"');
    expect(html).toContain('<title>ring &#60;seed 1&#62;</title>');
    expect(html.match(/<tr><td>/g)).toHaveLength(6);
    expect(html).not.toMatch(/<script/i);
    // versions in the report's colours (a version-2 span, the hatch of an upgrade)
    expect(html).toContain(`data-version="2" data-start="52" data-end="100" x="`);
    expect(html).toMatch(
      new RegExp(`data-version="2" data-start="52"[^>]*fill="${versionColor(2)}"`),
    );
    expect(html).toContain(`<i style="background:${versionColor(1)}"></i>version 1`);
  });
});
