/** The report writer of the CLI: documents written as they come give the bytes of the whole-report formatters. */
import { describe, expect, it } from 'vitest';
import { BlockWriter, type Destination } from '../../packages/core/src/cli/output.js';
import { formatJson, formatJsonDocument } from '../../packages/core/src/report/format-json.js';
import { formatText, formatTextDocument } from '../../packages/core/src/report/format-text.js';
import { mixedReport, sampleReport } from '../unit/report/sample-report.js';

function collect(): Destination & { text: string } {
  const d = { text: '', write: (t: string) => void (d.text += t), close() {}, abort() {} };
  return d;
}

describe('BlockWriter', () => {
  for (const report of [mixedReport(), { ...mixedReport(), lang: 'fr' as const }, sampleReport([])]) {
    it(`writes ${report.documents.length} document(s) in ${report.lang} as formatText and formatJson do, in any grouping`, () => {
      for (const quiet of [false, true]) {
        const text = collect();
        const json = collect();
        const textWriter = new BlockWriter({ format: 'text', quiet, color: false }, text);
        const jsonWriter = new BlockWriter({ format: 'json', quiet, color: false }, json);
        // One document at a time, with an empty group in between (an input with no document).
        for (const document of report.documents) {
          // Quiet, a document without errors has no block: callers leave it out, as engine.ts does.
          textWriter.add([formatTextDocument(document, report.lang, { quiet })].filter((b) => b !== ''));
          textWriter.add([]);
          jsonWriter.add([formatJsonDocument(document, { quiet })]);
        }
        textWriter.end(report);
        jsonWriter.end(report);
        expect(text.text).toBe(formatText(report, { quiet }));
        expect(json.text).toBe(formatJson(report, { quiet }));
      }
    });
  }
});
