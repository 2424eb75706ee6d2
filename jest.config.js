/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1'
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
    '/node_modules/@actions/workflow-parser/.+\\.js$':
      '<rootDir>/__tests__/support/json-import-attribute.js'
  },
  // the workflow parser's schema imports need the transform above
  transformIgnorePatterns: ['/node_modules/(?!@actions/workflow-parser/)'],
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  testTimeout: 30000,
  clearMocks: true
}
