import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off'
    }
  },
  {
    // The print gate (src/print-gate.ts) is the only way to the runner: nothing in src/ prints
    // by itself, and only the entry points (src/index.ts) reach @actions/core. The refresh
    // helper's entry point (src/refresh/index.ts) answers its tool on standard output, and
    // writes only print-gate lines on standard error.
    files: ['src/**/*.ts'],
    ignores: ['src/index.ts', 'src/refresh/index.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@actions/core', message: 'Print through ActionsIO (src/index.ts).' }] }
      ],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'stdout', message: 'Print through ActionsIO.' },
        { object: 'process', property: 'stderr', message: 'Print through ActionsIO.' }
      ]
    }
  }
)
