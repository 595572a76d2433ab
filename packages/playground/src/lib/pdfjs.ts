/**
 * Loads pdf.js on demand, with its own worker served from this origin. Both are split into
 * separate chunks by Vite, so a session that never sees a PDF never downloads them.
 */
export async function loadPdfjs(): Promise<typeof import('pdfjs-dist')> {
  const [pdfjs, worker] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.mjs?url')]);
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  return pdfjs;
}
