/**
 * PDFs through the built CLI: pdf.js is loaded on demand (in the main thread and in worker
 * threads), and Factur-X documents come out located inside their PDF (`a.pdf!/factur-x.xml`).
 * Uses the PDFs of `fixtures/`.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { errorsOf, reportValidator, sarifValidator } from './validate.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pdfs = readdirSync(join(root, 'fixtures'), { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.pdf'))
  .map((e) => relative(root, join(e.parentPath, e.name)).split('\\').join('/'))
  // The official samples have no findings to locate (test/cli/official-samples.test.ts checks them).
  .filter((p) => !p.startsWith('fixtures/aife-chorus-pro/'))
  .sort()
  .slice(0, 6);

interface JsonDocument {
  file: string;
  facts: { container: string; formatFamily: string };
  diagnostics: Array<{ location?: { file: string } }>;
}

describe('PDF inputs', () => {
  it('the fixtures hold PDFs to check', () => {
    expect(pdfs.length).toBeGreaterThan(1);
  });

  it('reads Factur-X PDFs the same way in the main thread and in worker threads', async () => {
    const args = [...pdfs, '--format', 'json', '--lang', 'en', '--deposit-date', '2024-03-01'];
    const one = await runCli([...args, '--jobs', '1'], { cwd: root });
    const two = await runCli([...args, '--jobs', '2'], { cwd: root });
    expect([0, 1], one.stderr).toContain(one.code);
    expect(two.stdout).toBe(one.stdout);
    const docs = JSON.parse(one.stdout) as JsonDocument[];
    const validate = reportValidator();
    expect(validate(docs), errorsOf(validate)).toBe(true);
    expect(docs.every((d) => d.facts.container === 'pdf')).toBe(true);
    expect(docs.some((d) => d.facts.formatFamily === 'facturx-pdf')).toBe(true);
  });

  it('locates findings inside the embedded invoice XML, in SARIF too', async () => {
    const run = await runCli([...pdfs, '--format', 'sarif', '--lang', 'en', '--deposit-date', '2024-03-01'], { cwd: root });
    type Location = { physicalLocation: { artifactLocation: { uri: string; index: number } } };
    const log = JSON.parse(run.stdout) as {
      runs: Array<{ artifacts: Array<{ location: { uri: string }; parentIndex?: number }>; results: Array<{ locations: Location[] }> }>;
    };
    const validate = sarifValidator();
    expect(validate(log), errorsOf(validate)).toBe(true);
    // The embedded XML is a nested artifact of its PDF, addressed by its path inside it.
    const { artifacts, results } = log.runs[0]!;
    const inside = results.map((r) => r.locations[0]!.physicalLocation.artifactLocation).filter((a) => artifacts[a.index]!.parentIndex !== undefined);
    expect(inside.length).toBeGreaterThan(0);
    for (const location of inside) {
      const artifact = artifacts[location.index]!;
      expect(location.uri).toBe(artifact.location.uri);
      expect(artifact.location.uri).toMatch(/^\/[^/!]+\.xml$/i);
      expect(artifacts[artifact.parentIndex!]!.location.uri).toMatch(/\.pdf$/i);
    }
    expect(artifacts.every((a) => !a.location.uri.includes('!'))).toBe(true);
  });
});
