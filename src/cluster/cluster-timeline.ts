/**
 * ClusterTimeline: one lane per node with its version over time and the
 * upgrade's progress (docs/UPSTART.md, "Timeline").
 *
 * Interface: `mark(tick, node, version, what)`; `marks` (in order);
 * `render(width)` -> text, one line per node: each column is a slice of
 * the run, showing the node's version digit, or 'x' while it is down and
 * '~' while it is upgrading.
 */
export interface TimelineMark {
  readonly tick: number;
  readonly node: number;
  readonly version: number;
  readonly what: string;
}

export class ClusterTimeline {
  readonly marks: TimelineMark[] = [];

  constructor(
    readonly nodes: number,
    readonly version: number,
  ) {}

  mark(tick: number, node: number, version: number, what: string): void {
    this.marks.push({ tick, node, version, what });
  }

  render(ticks: number, width = 60): string {
    const lines: string[] = [];
    const slice = Math.max(1, Math.ceil(ticks / width));
    for (let n = 0; n < this.nodes; n++) {
      const marks = this.marks.filter((m) => m.node === n);
      let cell = String(this.version);
      let k = 0;
      let lane = '';
      for (let c = 0; c < width && c * slice <= ticks; c++) {
        while (k < marks.length && marks[k].tick <= c * slice) {
          const m = marks[k++];
          cell = m.what === 'failed' ? 'x' : m.what === 'upgrading' ? '~' : String(m.version % 10);
        }
        lane += cell;
      }
      lines.push(`node${String(n).padEnd(3)} ${lane}`);
    }
    return lines.join('\n');
  }
}
