import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { packagePaths } from '../../src/cli/package-paths.ts';

describe('packagePaths', () => {
  test('from source: the repository root, its scenarios folder, src/index.ts as the entry, and the version', () => {
    const p = packagePaths();
    expect(existsSync(join(p.root, 'package.json'))).toBe(true);
    expect(p.scenarios).toBe(join(p.root, 'scenarios'));
    expect(p.entry).toBe(join(p.root, 'src', 'index.ts'));
    expect(p.version).toBe(JSON.parse(readFileSync(join(p.root, 'package.json'), 'utf8')).version);
  });
});
