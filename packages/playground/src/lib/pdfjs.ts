/**
 * Loads pdf.js on demand, with its own worker served from this origin. Both are split into
 * separate chunks by Vite, so a session that never sees a PDF never downloads them.
 */
export async function loadPdfjs(): Promise<typeof import('pdfjs-dist')> {
  const [pdfjs, worker] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.mjs?url')]);
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  return pdfjs;
}

/**
 * Reads a file embedded in a PDF (the Factur-X invoice XML), for the source view. A copy of
 * the bytes goes to pdf.js, which transfers them to its worker: the user's file is untouched.
 */
export async function embeddedFile(pdf: File, name: string): Promise<File | null> {
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({ data: new Uint8Array(await pdf.arrayBuffer()), isEvalSupported: false, enableXfa: false });
  try {
    const doc = await task.promise;
    // pdf.js 5 answers a plain object keyed by file name (a Map from 6.x): accept both.
    const attachments = (await doc.getAttachments()) as
      Record<string, { filename: string; content: Uint8Array }> | Map<string, { filename: string; content: Uint8Array }> | null;
    const list = attachments instanceof Map ? [...attachments.values()] : Object.values(attachments ?? {});
    const found = list.find((a) => a.filename === name) ?? list.find((a) => a.filename.toLowerCase() === name.toLowerCase());
    return found ? new File([found.content.slice()], found.filename, { type: 'application/xml' }) : null;
  } finally {
    await task.destroy();
  }
}
