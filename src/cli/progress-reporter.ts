/**
 * progressReporter: progress of a long command (an experiment sweep, a check
 * over many seeds) on stderr: a cli-progress bar when stderr is a terminal,
 * plain `<label>: N/M <unit>` lines (at each tenth, and at the end) when it
 * is not, so logs and CI output stay readable. stdout is left to results.
 *
 * Interface: `progressReporter(io, label, unit)` -> `{ update(done, total), stop() }`.
 */
import cliProgress from 'cli-progress';
import type { CliIo } from './cli-io.ts';

export interface ProgressReporter {
  update(done: number, total: number): void;
  stop(): void;
}

export function progressReporter(io: CliIo, label: string, unit: string): ProgressReporter {
  return io.errIsTTY ? barReporter(label, unit) : lineReporter(io, label, unit);
}

function barReporter(label: string, unit: string): ProgressReporter {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} ${unit}  {percentage}%  eta {eta}s`,
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (done, total) => {
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

function lineReporter(io: CliIo, label: string, unit: string): ProgressReporter {
  let shown = -1;
  return {
    update: (done, total) => {
      const tenth = Math.floor((done * 10) / total);
      if (tenth === shown && done !== total) return;
      shown = tenth;
      io.err(`${label}: ${done}/${total} ${unit}`);
    },
    stop: () => {},
  };
}
