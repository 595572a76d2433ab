/**
 * Node-only entry: everything of the browser-safe entry, with the pdf.js legacy build (the one
 * that runs in Node) passed to the reader by default.
 */
import type { DepositInput, PdfjsLoader, ReadOptions } from './read/input.js';
import type { ReadDocument } from './facts/facts.js';
import { readDeposit as readDepositWith } from './read/index.js';

export * from './index.js';

/**
 * Loads the pdf.js legacy build, the one that runs in Node, with its worker code in this thread
 * (pdf.js's fake worker takes it from `globalThis.pdfjsWorker`, which the worker module sets).
 *
 * The legacy build carries core-js polyfills that replace, for the whole process, built-ins Node
 * already has: on Node 20, `Array.prototype.push`, `JSON.stringify`, `JSON.parse` and
 * `Function.prototype.toString` become JavaScript versions (`JSON.stringify` about 70 times
 * slower). The built-ins found before loading are put back; what the polyfills add
 * (`Promise.withResolvers`, `Map.prototype.getOrInsertComputed`, …), which pdf.js uses, stays.
 */
export const nodePdfjsLoader: PdfjsLoader = async () => {
  const before = builtInProperties();
  const [pdfjs] = await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import('pdfjs-dist/legacy/build/pdf.worker.mjs')]);
  for (const [target, properties] of before) {
    for (const [key, descriptor] of properties) {
      const now = Object.getOwnPropertyDescriptor(target, key);
      if (now !== undefined && !sameProperty(now, descriptor)) Object.defineProperty(target, key, descriptor);
    }
  }
  return pdfjs;
};

// The objects whose properties the polyfills of pdf.js's legacy build may replace.
const BUILT_INS: readonly object[] = [
  Object,
  Object.prototype,
  Function.prototype,
  Array,
  Array.prototype,
  String,
  String.prototype,
  Number,
  Number.prototype,
  Math,
  JSON,
  Promise,
  Promise.prototype,
  Map,
  Map.prototype,
  Set,
  Set.prototype,
  WeakMap.prototype,
  WeakSet.prototype,
  ArrayBuffer,
  ArrayBuffer.prototype,
  Uint8Array,
  Uint8Array.prototype,
  Object.getPrototypeOf(Uint8Array.prototype) as object,
  RegExp.prototype,
  Symbol,
  Error,
  Reflect,
];

function builtInProperties(): Map<object, Map<PropertyKey, PropertyDescriptor>> {
  return new Map(BUILT_INS.map((target) => [target, new Map(Reflect.ownKeys(target).map((key) => [key, Object.getOwnPropertyDescriptor(target, key)!]))]));
}

function sameProperty(a: PropertyDescriptor, b: PropertyDescriptor): boolean {
  return Object.is(a.value, b.value) && a.get === b.get && a.set === b.set;
}

/** Reads one deposit file, with the Node pdf.js loader unless another one is given. */
export function readDeposit(input: DepositInput, options: ReadOptions = {}): Promise<ReadDocument[]> {
  return readDepositWith(input, { ...options, pdfjs: options.pdfjs ?? nodePdfjsLoader });
}
export { lintRuleDirectory, readRuleDirectory, type RuleDirectory } from './rules/lint.node.js';
import { precheck as precheckWith, type PrecheckOptions } from './precheck.js';
import type { DepositContext } from './context.js';
import type { Report } from './report/report.js';

/** Pre-checks a deposit, with the Node pdf.js loader unless another one is given. */
export function precheck(input: DepositInput | DepositInput[], context: DepositContext = {}, options: PrecheckOptions = {}): Promise<Report> {
  return precheckWith(input, context, { ...options, pdfjs: options.pdfjs ?? nodePdfjsLoader });
}
export { loadConfig } from './config/load.node.js';
