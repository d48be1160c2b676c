/**
 * CliIo: where the CLI writes, and what it knows about its terminal, passed
 * to every command so tests can run commands in-process and read the output.
 *
 *   out(line) / err(line)   one line to stdout / stderr (newline added)
 *   write(text) / writeError(text)   raw text, for commander's own output
 *   color        colours on: stdout is a terminal and NO_COLOR is not set
 *   isTTY        stdout is a terminal; errIsTTY: stderr is one (progress bars)
 *   cwd          the directory relative paths are resolved against
 *
 * processIo() is the real process; bufferIo() collects the text in memory.
 */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  write(text: string): void;
  writeError(text: string): void;
  readonly color: boolean;
  readonly isTTY: boolean;
  readonly errIsTTY: boolean;
  readonly cwd: string;
}

export function processIo(): CliIo {
  const isTTY = process.stdout.isTTY === true;
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  return {
    out: (line) => void process.stdout.write(`${line}\n`),
    err: (line) => void process.stderr.write(`${line}\n`),
    write: (text) => void process.stdout.write(text),
    writeError: (text) => void process.stderr.write(text),
    color: isTTY && !noColor,
    isTTY,
    errIsTTY: process.stderr.isTTY === true,
    cwd: process.cwd(),
  };
}

export interface BufferIo extends CliIo {
  readonly stdout: string;
  readonly stderr: string;
}

export function bufferIo(
  options: { cwd?: string; color?: boolean; isTTY?: boolean } = {},
): BufferIo {
  let stdout = '';
  let stderr = '';
  return {
    out: (line) => void (stdout += `${line}\n`),
    err: (line) => void (stderr += `${line}\n`),
    write: (text) => void (stdout += text),
    writeError: (text) => void (stderr += text),
    color: options.color ?? false,
    isTTY: options.isTTY ?? false,
    errIsTTY: false,
    cwd: options.cwd ?? process.cwd(),
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
  };
}
