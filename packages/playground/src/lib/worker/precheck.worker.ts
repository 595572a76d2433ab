/**
 * The module worker that reads and checks deposits, so that parsing a large or hostile file
 * never blocks the page. It reads each file itself (the page only hands over File handles),
 * reports progress, applies the same limits as the command line, and loads pdf.js only when
 * a PDF arrives.
 */
import { getRuleDescriptors, precheck, type DepositInput, type LocalizedText, type Report } from '@chorus-precheck/core';
import type { CheckRequest, WarmRequest, WorkerMessage } from './protocol';
import { loadPdfjs } from '../pdfjs';

const post = (message: WorkerMessage): void => self.postMessage(message);

/** Reads a file in chunks so that progress can be shown for long reads. */
async function readFile(file: File, limit: number, onBytes: (n: number) => void): Promise<Uint8Array> {
  // Past the limit the reader only needs to see that the input is too large: read one byte
  // more than the limit instead of the whole (possibly gigabyte-sized) file.
  const blob = file.size > limit ? file.slice(0, limit + 1) : file;
  const bytes = new Uint8Array(blob.size);
  const reader = blob.stream().getReader();
  let offset = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes.set(value, offset);
    offset += value.byteLength;
    onBytes(value.byteLength);
  }
  return bytes;
}

let titleById: Map<string, LocalizedText> | null = null;

/** The titles of the rules that exclude a flow in the report (the rule set is already compiled by then). */
function exclusionTitles(report: Report): Record<string, LocalizedText> {
  titleById ??= new Map(getRuleDescriptors().map((r) => [r.id, r.title]));
  const titles: Record<string, LocalizedText> = {};
  for (const doc of report.documents) {
    for (const flow of doc.flows) for (const id of flow.excludedBy) titles[id] ??= titleById.get(id) ?? { fr: id, en: id };
  }
  return titles;
}

async function check(request: CheckRequest): Promise<void> {
  const total = request.files.reduce((sum, f) => sum + Math.min(f.size, request.limits.maxInputBytes + 1), 0);
  let loaded = 0;
  let lastPost = 0;
  const started = performance.now();
  const inputs: DepositInput[] = [];
  for (const file of request.files) {
    const bytes = await readFile(file, request.limits.maxInputBytes, (n) => {
      loaded += n;
      const now = performance.now();
      if (now - lastPost > 50) {
        lastPost = now;
        post({ id: request.id, type: 'progress', phase: 'reading', loaded, total });
      }
    });
    inputs.push({ name: file.name, bytes });
  }
  const read = performance.now();
  post({ id: request.id, type: 'progress', phase: 'checking', loaded: total, total });
  const report = await precheck(inputs, request.context, {
    lang: request.lang,
    limits: request.limits,
    pdfjs: loadPdfjs,
    strict: request.strict,
  });
  post({ id: request.id, type: 'result', report, titles: exclusionTitles(report), timings: { readMs: read - started, checkMs: performance.now() - read } });
}

self.addEventListener('message', (event: MessageEvent<CheckRequest | WarmRequest>) => {
  const request = event.data;
  if (request.type === 'warm') {
    // An empty deposit: compiles the rule set, reads nothing. Its report is of no use.
    void precheck([], {}).catch(() => {});
    return;
  }
  check(request).catch((error: unknown) => {
    post({ id: request.id, type: 'error', message: error instanceof Error ? error.message : String(error) });
  });
});
