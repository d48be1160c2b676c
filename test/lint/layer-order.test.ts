/**
 * The layer order is enforced by eslint.config.js (no-restricted-imports per
 * src folder). These probes lint a line of code as if it sat in a folder, so a
 * rule that stops firing is caught here, not by the next careless import.
 */
import { ESLint } from 'eslint';
import { expect, test } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function messagesFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.message);
}

test('a core folder may not import a folder above it, nor a file behind an index.ts', async () => {
  const up = await messagesFor('src/kernel/cpu.ts', "import '../hotswap/index.ts';\n");
  expect(up.join('\n')).toMatch(/src\/kernel may import only these folders: none/);
  const behind = await messagesFor('src/hotswap/swap.ts', "import '../kernel/kernel.ts';\n");
  expect(behind.join('\n')).toMatch(/only through its index\.ts/);
});

test('a core folder may not import packages outside its list', async () => {
  const io = await messagesFor('src/quiescence/index.ts', "import 'node:fs';\n");
  expect(io.join('\n')).toMatch(/src\/quiescence may import only these packages: none/);
});

test('allowed imports pass', async () => {
  const ok = await messagesFor('src/hotswap/swap.ts', "import '../kernel/index.ts';\n");
  expect(ok.filter((m) => /may import|index\.ts/.test(m))).toEqual([]);
});
