import { defineConfig } from 'vitest/config';

// One root config; each kind of test is a project (see test/README.md).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // Files share one module graph per worker (rule set, pdf.js, schema engine imported once):
          // 36.7 -> 19.4 s of CPU for the project. Two workers: vitest's default is one on 2 vCPUs.
          isolate: false,
          maxWorkers: 2,
          // A project with its own worker count runs in a group of its own: first, then the others.
          sequence: { groupOrder: 0 },
          include: ['packages/core/src/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/rules/**/*.test.ts', 'test/corpus/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          // Seeded fuzz slices and bombs: minutes of CPU, kept out of the everyday unit run.
          name: 'fuzz',
          sequence: { groupOrder: 1 },
          include: ['test/fuzz/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          // The built CLI and the packed package: builds the core first when dist is missing or stale.
          name: 'cli',
          sequence: { groupOrder: 1 },
          include: ['test/cli/**/*.test.ts'],
          globalSetup: ['test/cli/global-setup.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          // The server package over real HTTP on an ephemeral port, and the built CLI's serve.
          name: 'server',
          sequence: { groupOrder: 1 },
          include: ['test/server/**/*.test.ts'],
          globalSetup: ['test/server/global-setup.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'browser',
          sequence: { groupOrder: 1 },
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/global-setup.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
