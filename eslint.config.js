// Lint rules for kernel-sim. Type-aware (typescript-eslint), plus the one rule
// the whole design rests on: no ambient time or randomness in the simulation
// core, so the same seed always gives the same event log.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ambient = {
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Use the simulation PRNG (kernel/prng.ts).' },
    { object: 'Date', property: 'now', message: 'Use simulated ticks (kernel clock).' },
    { object: 'performance', property: 'now', message: 'Wall time is for bench/cli only.' },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'setTimeout', message: 'No timers in the simulation core: use sim.at or sleep().' },
    { name: 'setInterval', message: 'No timers in the simulation core.' },
    { name: 'setImmediate', message: 'No timers in the simulation core.' },
    { name: 'queueMicrotask', message: 'No microtasks in the simulation core.' },
    { name: 'performance', message: 'Wall time is for bench/cli only.' },
    { name: 'Promise', message: 'The simulation core is synchronous: no promises.' },
  ],
};

// The layer order (docs/ARCHITECTURE.md, "Layers"): each src folder may import
// only the folders listed for it, each through its index.ts, and only the
// packages listed. A folder missing from this table fails lint: add it with
// its place in the order.
const CORE = [
  'kernel',
  'translation-table',
  'quiescence',
  'interposition',
  'objects',
  'transactions',
  'hotswap',
];
const layers = {
  kernel: { folders: [], packages: ['rxjs', 'pure-rand'] },
  'translation-table': { folders: ['kernel'], packages: [] },
  quiescence: { folders: ['kernel'], packages: [] },
  interposition: { folders: ['kernel', 'translation-table'], packages: [] },
  objects: {
    folders: ['kernel', 'translation-table'],
    packages: ['inversify', 'reflect-metadata'],
  },
  transactions: { folders: ['kernel', 'translation-table'], packages: [] },
  hotswap: {
    folders: ['kernel', 'translation-table', 'quiescence', 'interposition', 'transactions'],
    packages: [],
  },
  simulation: { folders: CORE, packages: ['rxjs', 'inversify'] },
  faults: { folders: [...CORE, 'simulation'], packages: [] },
  checkers: { folders: [...CORE, 'simulation'], packages: ['rxjs', 'node:util'] },
  plugins: { folders: [...CORE, 'simulation', 'report'], packages: ['*'] },
  report: { folders: [...CORE, 'simulation'], packages: ['*'] },
  cluster: { folders: ['kernel', 'simulation'], packages: [] },
  watchdog: { folders: ['simulation'], packages: ['node:vm', 'node:perf_hooks', 'node:v8'] },
  scenario: {
    folders: [...CORE, 'simulation', 'checkers', 'faults', 'plugins', 'report', 'watchdog'],
    packages: ['*'],
  },
  check: '*',
  queue: { folders: [], packages: ['bullmq', 'ioredis'] },
  experiments: '*',
  cli: '*',
  bench: '*',
};
const FOLDERS = Object.keys(layers);

function layerRules(folder) {
  const allowed = layers[folder];
  const patterns = [
    {
      regex: '^\\.\\./[^./]+/(?!index\\.ts$).+',
      message: 'Import a sibling folder only through its index.ts (its public surface).',
    },
  ];
  if (allowed !== '*') {
    const banned = FOLDERS.filter((f) => f !== folder && !allowed.folders.includes(f));
    if (banned.length > 0)
      patterns.push({
        regex: `^\\.\\./(${banned.join('|')})(/|$)`,
        message: `src/${folder} may import only these folders: ${allowed.folders.join(', ') || 'none'} (the layer order, docs/ARCHITECTURE.md "Layers").`,
      });
    if (!allowed.packages.includes('*'))
      patterns.push({
        regex: `^(?!\\.|(${allowed.packages.map((p) => p.replace(/\./g, '\\.')).join('|') || '$^'})(/|$))`,
        message: `src/${folder} may import only these packages: ${allowed.packages.join(', ') || 'none'} (docs/ARCHITECTURE.md, "Layers").`,
      });
  }
  return { 'no-restricted-imports': ['error', { patterns }] };
}

const unknownFolder = {
  files: ['src/*/**/*.ts'],
  ignores: FOLDERS.map((f) => `src/${f}/**`),
  rules: {
    'no-restricted-syntax': [
      'error',
      {
        selector: 'Program',
        message:
          'This src folder is not in the layer table in eslint.config.js: add it with the folders and packages it may import.',
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'out/**',
      'bin/**',
      'eslint.config.js',
      'scripts/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/require-yield': 'off',
      'require-yield': 'off',
      '@typescript-eslint/no-this-alias': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/no-implied-eval': 'off',
      'no-new-func': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: [
      'src/cli/**',
      'src/experiments/**',
      'src/queue/**',
      'src/report/**',
      'src/bench/**',
      'src/watchdog/**',
    ],
    rules: ambient,
  },
  ...FOLDERS.map((f) => ({ files: [`src/${f}/**/*.ts`], rules: layerRules(f) })),
  unknownFolder,
  {
    files: ['test/**/*.ts', 'vitest.config.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
