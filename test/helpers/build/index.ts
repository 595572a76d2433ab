/**
 * The one builder library for test inputs, shared by the fixtures script, the bombs, the fuzz
 * generators, the tests that build inputs in code and the bench: byte helpers, checksums and a
 * run-length deflate writer, zip, tar and PDF writers, and invoice texts.
 */
export * from './bytes.js';
export * from './deflate.js';
export * from './invoice.js';
export * from './pdf.js';
export * from './tar.js';
export * from './zip.js';
