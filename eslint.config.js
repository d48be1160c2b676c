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

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'out/**', 'bin/**', 'eslint.config.js'] },
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
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
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
    ignores: ['src/cli/**', 'src/experiments/**', 'src/report/**', 'src/bench/**'],
    rules: ambient,
  },
  {
    files: ['test/**/*.ts', 'vitest.config.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
