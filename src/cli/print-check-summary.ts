/**
 * printCheckSummary: how `kernel-sim check` and `kernel-sim merge` print a
 * CheckSummary: with --json one JSON document, else formatSummary's lines
 * with the verdict line coloured (when io.color) and control characters in
 * user strings escaped (terminalSafeData). One function, so a merged
 * sweep prints the serial run's bytes.
 */
import pc from 'picocolors';
import { formatSummary, type CheckSummary } from '../check/index.ts';
import type { CliIo } from './cli-io.ts';
import { terminalSafeData } from './terminal-text.ts';

export function printCheckSummary(summary: CheckSummary, json: boolean, io: CliIo): void {
  if (json) {
    io.out(JSON.stringify(summary, null, 2));
    return;
  }
  const c = pc.createColors(io.color);
  for (const line of formatSummary(terminalSafeData(summary)))
    io.out(
      /^(PASSED|FAILED) /.test(line)
        ? line.startsWith('PASSED')
          ? c.green(line)
          : c.red(line)
        : line,
    );
}
