/** Jest runs the TypeScript sources as ESM (AdminJS ships ESM only). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testSequencer: '<rootDir>/test/sequencer.js',
  // A suite that fails before its afterAll leaves sockets (BullMQ, pg, a browser) open and jest
  // would then wait forever; each suite still closes what it opens.
  forceExit: true,
  testTimeout: 60000,
};
