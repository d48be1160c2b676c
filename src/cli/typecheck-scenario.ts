/**
 * typecheckScenario: type-checks a scenario file with the TypeScript
 * compiler API before it runs (`kernel-sim scenario FILE --typecheck`, and
 * on `check`). The CLI otherwise runs TypeScript without checking types
 * (jiti strips them), so a method-type stub of the wrong type, a misspelt
 * option or a wrong argument would only surface, if at all, at run time.
 *
 * Interface: `typecheckScenario(file, cwd)` -> the diagnostics, each
 * `file:line:col message (TSnnnn)` in the file's own lines (the file
 * relative to cwd when it is inside it); empty when the file checks.
 * `refuseTypeErrors(file, cwd)`, the flag's behaviour, throws a CliError
 * (exit 2) listing them. The compiler is loaded only when asked (it is
 * large), from the scenario's folder first (the author's own TypeScript,
 * as `kernel-sim init` installs it), else from kernel-sim's own folder
 * (typescript is an optional peer dependency: README, libraries).
 *
 * Options: the tsconfig.json found from the scenario's folder upward if
 * there is one (the author's own settings), else strict defaults that
 * match how the CLI loads the file (module 'preserve', bundler
 * resolution, .ts imports allowed). Either way `noEmit`, and 'kernel-sim'
 * (and any bare import the author's folder cannot resolve, such as rxjs)
 * resolves to this very copy of kernel-sim, as it does when the file runs.
 *
 * Only diagnostics in the author's files are reported (not in kernel-sim's
 * own sources or declarations, nor in node_modules).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type * as TS from 'typescript';
import { CliError } from './cli-error.ts';
import { packagePaths } from './package-paths.ts';

type Ts = typeof TS;

const DEFAULT_OPTIONS = {
  target: 'ES2023',
  lib: ['ES2023'],
  module: 'preserve',
  moduleResolution: 'bundler',
  strict: true,
  skipLibCheck: true,
  allowImportingTsExtensions: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  types: [],
} as const;

/** The TypeScript compiler: the author's (from the scenario's folder), else kernel-sim's own. */
export async function loadTypescript(file: string): Promise<Ts> {
  for (const from of [file, join(packagePaths().root, 'package.json')]) {
    let path: string;
    try {
      path = createRequire(from).resolve('typescript');
    } catch {
      continue;
    }
    const mod = (await import(pathToUrl(path))) as { default?: Ts } & Ts;
    return mod.default ?? mod;
  }
  throw new Error(
    'cannot type-check: the typescript package is not installed; run `npm install --save-dev typescript@6.0.3` in the scenario folder (kernel-sim init writes a package.json that does)',
  );
}

function pathToUrl(path: string): string {
  return new URL(`file://${path.split(sep).join('/')}`).href;
}

export async function typecheckScenario(file: string, cwd = process.cwd()): Promise<string[]> {
  const abs = resolve(cwd, file);
  const shown = relative(cwd, abs).startsWith('..') ? abs : relative(cwd, abs);
  const ts = await loadTypescript(abs);
  const options = compilerOptions(ts, abs);
  const host = ts.createCompilerHost(options);
  const fallback = join(packagePaths().root, 'index.ts');
  const entry = entryTypes();
  host.resolveModuleNameLiterals = (literals, containingFile, _redirect, opts) =>
    literals.map((lit) => {
      const name = lit.text;
      if (name === 'kernel-sim') return ts.resolveModuleName(entry, containingFile, opts, host);
      const own = ts.resolveModuleName(name, containingFile, opts, host);
      if (own.resolvedModule !== undefined || name.startsWith('.')) return own;
      return ts.resolveModuleName(name, fallback, opts, host);
    });
  const rootNames = [abs, ...nodeTypes(abs)];
  const program = ts.createProgram({ rootNames, options, host, oldProgram: reuse(ts) });
  lastProgram = { ts, program };
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program
      .getSourceFiles()
      .filter((sf) => isAuthors(sf.fileName))
      .flatMap((sf) => [
        ...program.getSyntacticDiagnostics(sf),
        ...program.getSemanticDiagnostics(sf),
      ]),
  ];
  return diagnostics.map((d) => formatDiagnostic(ts, d, shown, abs));
}

/**
 * The previous program of this process, handed to the next as `oldProgram`:
 * kernel-sim's own files are parsed once (a check or a test suite may
 * type-check several files).
 */
let lastProgram: { ts: Ts; program: TS.Program } | null = null;

function reuse(ts: Ts): TS.Program | undefined {
  return lastProgram?.ts === ts ? lastProgram.program : undefined;
}

/** The path that 'kernel-sim' resolves to: the package's own types (src/index.ts under source). */
function entryTypes(): string {
  const { entry } = packagePaths();
  return entry.endsWith('.js') ? entry.replace(/\.js$/, '.d.ts') : entry;
}

/** @types/node, if the author's folder or kernel-sim has it: scenarios may use console and the like. */
function nodeTypes(file: string): string[] {
  for (const from of [file, join(packagePaths().root, 'package.json')]) {
    try {
      return [createRequire(from).resolve('@types/node/index.d.ts')];
    } catch {
      // try the next place
    }
  }
  return [];
}

function isAuthors(fileName: string): boolean {
  const abs = resolve(fileName);
  if (abs.includes(`${sep}node_modules${sep}`)) return false;
  const rel = relative(packagePaths().root, abs);
  const inPackage = !rel.startsWith('..') && (rel.startsWith('src') || rel.startsWith('dist'));
  return !inPackage && !abs.endsWith('.d.ts');
}

function compilerOptions(ts: Ts, file: string): TS.CompilerOptions {
  const config = ts.findConfigFile(dirname(file), (p) => existsSync(p));
  let options: TS.CompilerOptions;
  if (config === undefined) {
    options = ts.convertCompilerOptionsFromJson(DEFAULT_OPTIONS, dirname(file)).options;
  } else {
    const read = ts.readConfigFile(config, (p) => ts.sys.readFile(p));
    if (read.error !== undefined) throw new Error(flatten(ts, read.error.messageText));
    options = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(config)).options;
  }
  return { ...options, noEmit: true, allowImportingTsExtensions: true };
}

function flatten(ts: Ts, text: string | TS.DiagnosticMessageChain): string {
  return ts.flattenDiagnosticMessageText(text, '\n  ');
}

function formatDiagnostic(ts: Ts, d: TS.Diagnostic, shown: string, abs: string): string {
  const text = `${flatten(ts, d.messageText)} (TS${d.code})`;
  if (d.file === undefined || d.start === undefined) return `${shown}: ${text}`;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  const name = resolve(d.file.fileName) === abs ? shown : d.file.fileName;
  return `${name}:${line + 1}:${character + 1} ${text}`;
}

/** `--typecheck`: a CliError (exit 2) listing the diagnostics if `file` does not type-check. */
export async function refuseTypeErrors(file: string, cwd: string): Promise<void> {
  let errors: string[];
  try {
    errors = await typecheckScenario(file, cwd);
  } catch (e) {
    throw new CliError(`--typecheck: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (errors.length === 0) return;
  const count = `${errors.length} type error${errors.length === 1 ? '' : 's'}`;
  throw new CliError(
    `${count} in ${file} (--typecheck; nothing was run):\n${errors.join('\n')}\n(fix them, or run without --typecheck)`,
  );
}
