/**
 * Every `kernel-sim ...` command the docs show is a real command with real
 * flags, naming scenarios that exist; the README's scenario table lists
 * exactly the bundled scenarios; the exit codes the README states are the
 * CLI's. A doc that drifts from the CLI fails here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import type { Command } from 'commander';
import { describe, expect, test } from 'vitest';
import { bufferIo } from '../../src/cli/cli-io.ts';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { createProgram } from '../../src/cli/program.ts';

const DOCS = [
  'README.md',
  ...readdirSync('docs')
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const BUNDLED = readdirSync('scenarios').filter((f) => f.endsWith('.ts'));

interface DocCommand {
  readonly where: string;
  readonly words: readonly string[];
}

/** `kernel-sim ...` in code blocks and inline code, with its doc and line. */
function docCommands(): DocCommand[] {
  const found: DocCommand[] = [];
  for (const doc of DOCS) {
    const lines = readFileSync(doc, 'utf8').split('\n');
    let inBlock = false;
    lines.forEach((line, i) => {
      if (line.trimStart().startsWith('```')) inBlock = !inBlock;
      const texts = inBlock
        ? [line]
        : [...line.matchAll(/`([^`]*kernel-sim [^`]*)`/g)].map((m) => m[1]);
      for (const text of texts) {
        const m = /(?:^|[\s$(])(?:npx )?kernel-sim ([a-z].*)$/.exec(text.replace(/\s+#.*$/, ''));
        if (m === null || /^(check|scenario|list|experiment|[a-z-]+)\b/.exec(m[1]) === null)
          continue;
        const words = m[1].split(/\s+|&&|\|/).filter((w) => w !== '');
        found.push({ where: `${doc}:${i + 1}`, words: cut(words) });
      }
    });
  }
  return found;
}

/** Stop at shell punctuation and at what follows the command. */
function cut(words: string[]): string[] {
  const end = words.findIndex((w) => /^(>|2>|;|\)|npm|node|npx)$/.test(w));
  return end === -1 ? words : words.slice(0, end);
}

function commandOf(program: Command, words: readonly string[]): [Command, string[]] | string {
  let cmd = program;
  let rest = [...words];
  for (;;) {
    const sub = cmd.commands.find((c) => c.name() === rest[0]);
    if (sub === undefined) break;
    cmd = sub;
    rest = rest.slice(1);
  }
  if (cmd === program) return `'${words[0]}' is not a kernel-sim command`;
  return [cmd, rest];
}

function longFlags(cmd: Command): Set<string> {
  const flags = new Set<string>(['--help']);
  for (const o of cmd.options) if (o.long) flags.add(o.long);
  return flags;
}

const program = createProgram(bufferIo(), () => {});
const commands = docCommands();

describe('the commands the docs show', () => {
  test('there are many of them (the extraction works)', () => {
    expect(commands.length).toBeGreaterThan(20);
    expect(commands.some((c) => c.words[0] === 'check')).toBe(true);
  });

  test.each(commands.map((c) => [c.where, c.words.join(' '), c] as const))(
    '%s: kernel-sim %s',
    (_where, _text, c) => {
      const found = commandOf(program, c.words);
      if (typeof found === 'string') throw new Error(found);
      const [cmd, rest] = found;
      const flags = longFlags(cmd);
      for (const w of rest) {
        if (!w.startsWith('--')) continue;
        const flag = w.split('=')[0];
        expect(flags.has(flag), `${c.where}: ${cmd.name()} has no flag ${flag}`).toBe(true);
      }
      const file = rest.find((w) => !w.startsWith('-'));
      if (
        ['scenario', 'check'].includes(cmd.name()) &&
        file !== undefined &&
        /^[a-z0-9-]+\.ts$/.test(file)
      )
        expect(BUNDLED, `${c.where}: no bundled scenario ${file}`).toContain(file);
    },
  );
});

test("the README's scenario table lists exactly the bundled scenarios", () => {
  const readme = readFileSync('README.md', 'utf8');
  const table = readme.slice(readme.indexOf('## Bundled scenarios'));
  const listed = [...table.matchAll(/^\| `([a-z0-9-]+\.ts)` +\|/gm)].map((m) => m[1]);
  expect([...listed].sort()).toEqual([...BUNDLED].sort());
});

test('the exit codes the README states are the CLI exit codes', () => {
  const readme = readFileSync('README.md', 'utf8');
  const stated = /Exit codes: ([^.]*)\./.exec(readme.replace(/\s+/g, ' '))?.[1] ?? '';
  expect(stated).toContain(`${EXIT.passed} passed`);
  expect(stated).toContain(`${EXIT.internal} internal error`);
  expect(stated).toContain(`${EXIT.usage} usage or input error`);
  expect(stated).toContain(`${EXIT.correctness} correctness`);
  expect(stated).toContain(`${EXIT.liveness} liveness`);
});
