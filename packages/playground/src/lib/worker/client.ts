import type { DepositContext, Limits, LocalizedText, Report } from '@chorus-precheck/core';
import type { CheckRequest, WarmRequest, WorkerMessage } from './protocol';

/** The progress of a running check. */
export interface Progress {
  phase: 'reading' | 'checking';
  loaded: number;
  total: number;
}

/** The answer to a check: the report and where the time went. */
export interface CheckAnswer {
  report: Report;
  /** The titles of the rules that exclude a flow, by rule id. */
  titles: Record<string, LocalizedText>;
  timings: { readMs: number; checkMs: number };
}

/** Raised when a check is cancelled or replaced by a newer one before it answered. */
export class CheckAbandoned extends Error {
  /** Why the check was abandoned. */
  readonly reason: 'cancelled' | 'superseded';
  constructor(reason: 'cancelled' | 'superseded') {
    super(`check ${reason}`);
    this.reason = reason;
  }
}

interface Pending {
  id: number;
  resolve: (answer: CheckAnswer) => void;
  reject: (error: Error) => void;
  onProgress: (progress: Progress) => void;
}

/**
 * The promise API in front of the check worker. One check runs at a time: a new check
 * supersedes the previous one (whose late answer is dropped), and cancel() terminates the
 * worker outright, which is the only way to stop a parse stuck on a hostile file.
 */
export class PrecheckClient {
  #worker: Worker | null = null;
  #pending: Pending | null = null;
  #nextId = 1;

  #spawn(): Worker {
    const worker = new Worker(new URL('./precheck.worker.ts', import.meta.url), { type: 'module', name: 'precheck' });
    worker.addEventListener('message', (event: MessageEvent<WorkerMessage>) => this.#receive(event.data));
    worker.addEventListener('error', (event) => {
      const pending = this.#pending;
      if (!pending) return;
      this.#pending = null;
      pending.reject(new Error(event.message || 'the check worker failed'));
    });
    return worker;
  }

  #receive(message: WorkerMessage): void {
    const pending = this.#pending;
    // A message about an older check: that check was superseded, drop its answer.
    if (!pending || message.id !== pending.id) return;
    if (message.type === 'progress') {
      pending.onProgress({ phase: message.phase, loaded: message.loaded, total: message.total });
      return;
    }
    this.#pending = null;
    if (message.type === 'result') pending.resolve({ report: message.report, titles: message.titles, timings: message.timings });
    else pending.reject(new Error(message.message));
  }

  /** Checks files in the worker; rejects with CheckAbandoned when cancelled or superseded. */
  check(
    files: File[],
    context: DepositContext,
    lang: 'fr' | 'en',
    limits: Limits,
    strict: boolean,
    onProgress: (progress: Progress) => void = () => {},
  ): Promise<CheckAnswer> {
    this.#pending?.reject(new CheckAbandoned('superseded'));
    this.#worker ??= this.#spawn();
    const id = this.#nextId++;
    const request: CheckRequest = { id, type: 'check', files, context: plainContext(context), lang, limits, strict };
    return new Promise<CheckAnswer>((resolve, reject) => {
      this.#pending = { id, resolve, reject, onProgress };
      this.#worker!.postMessage(request);
    });
  }

  /**
   * Starts the worker and has it compile the rules while the page is idle, so that the first
   * check does not pay for it. pdf.js is still loaded only when a PDF arrives.
   */
  warm(): void {
    if (this.#worker) return;
    this.#worker = this.#spawn();
    this.#worker.postMessage({ type: 'warm' } satisfies WarmRequest);
  }

  /** Stops the running check by terminating the worker; the next check starts a fresh one. */
  cancel(): void {
    this.#worker?.terminate();
    this.#worker = null;
    const pending = this.#pending;
    this.#pending = null;
    pending?.reject(new CheckAbandoned('cancelled'));
  }

  /** Whether a check is running. */
  get busy(): boolean {
    return this.#pending !== null;
  }
}

/** Copies the context into a plain object: reactive proxies cannot be posted to a worker. */
function plainContext(context: DepositContext): DepositContext {
  return JSON.parse(JSON.stringify(context)) as DepositContext;
}
