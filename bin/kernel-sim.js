#!/usr/bin/env node
// The kernel-sim command: runs the compiled CLI (npm install builds it).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(main)) {
  console.error(
    'kernel-sim: dist/ is missing; run `npm install` (or `npm run build`) in the kernel-sim folder first',
  );
  process.exit(1);
}
await import(main);
