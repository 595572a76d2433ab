import { DEFAULT_LIMITS, type DepositContext, type Limits } from '@chorus-precheck/core';
import { getContext, setContext, tick } from 'svelte';
import { PrecheckClient, CheckAbandoned, type CheckAnswer, type Progress } from './worker/client';
import { readUrl, writeUrl, type Lang, type View } from './url';
import { isKnownRelease } from './catalogue';

/** Where a check stands. */
export type Status = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

/**
 * The state of the playground, shared by every component: the page, the language, the
 * deposit context, the files being checked and the last answer of the worker.
 */
export class AppState {
  view = $state<View>('check');
  lang = $state<Lang>('fr');
  context = $state<DepositContext>({});
  /** Every XML schema finding an error (full conformance), as `--strict` on the command line. */
  strict = $state(false);
  /** The files of the current check, kept in the page so that the context can change and re-run. */
  files = $state.raw<File[]>([]);
  answer = $state.raw<CheckAnswer | null>(null);
  status = $state<Status>('idle');
  progress = $state.raw<Progress | null>(null);
  error = $state<string | null>(null);
  /** Milliseconds from the files arriving to the verdict shown, for the last check. */
  lastDurationMs = $state<number | null>(null);
  /** Counts the drops answered: the report brings its answer into view on each. */
  revealed = $state(0);
  /** The release a link asked for that the rules do not encode, replaced by the latest one. */
  unknownRelease = $state<string | null>(null);
  /** The rule the rules page scrolls to, when opened from a diagnostic. */
  focusRule = $state<string | null>(null);
  /** The limits applied in the worker, the same defaults as the command line. */
  readonly limits: Limits = { ...DEFAULT_LIMITS };

  #client = new PrecheckClient();

  constructor(search: string, browserLang: string) {
    const state = readUrl(search, browserLang.toLowerCase().startsWith('fr') ? 'fr' : 'en');
    this.view = state.view;
    this.lang = state.lang;
    // A link to a release the rules do not encode (`?release=3.9`) says so and checks against
    // the latest one, rather than leaving the form without a release.
    const { release, ...context } = state.context;
    if (release !== undefined && !isKnownRelease(release)) {
      this.unknownRelease = release;
      this.context = context;
    } else {
      this.context = state.context;
    }
    this.strict = state.strict === true;
  }

  /** The query string that reproduces this page (never the invoice itself). */
  get search(): string {
    return writeUrl({ context: this.context, view: this.view, lang: this.lang, strict: this.strict });
  }

  /** Checks new files, replacing the previous ones. */
  async open(files: File[]): Promise<void> {
    if (files.length === 0) return;
    this.files = files;
    this.view = 'check';
    await this.run();
    if (this.status === 'done') this.revealed++;
  }

  /** Runs the check on the current files with the current context. */
  async run(): Promise<void> {
    if (this.files.length === 0) return;
    const started = performance.now();
    this.status = 'running';
    this.error = null;
    this.progress = null;
    try {
      const answer = await this.#client.check(this.files, this.context, this.lang, this.limits, this.strict, (p) => {
        this.progress = p;
      });
      this.answer = answer;
      this.status = 'done';
      await tick();
      this.lastDurationMs = performance.now() - started;
      performance.measure('drop-to-verdict', { start: started, end: started + this.lastDurationMs });
      // Where the time went, for the benchmark: reading the files and running the check, in the worker.
      performance.measure('worker-read', { start: started, duration: answer.timings.readMs });
      performance.measure('worker-check', { start: started, duration: answer.timings.checkMs });
    } catch (error) {
      if (error instanceof CheckAbandoned) {
        if (error.reason === 'cancelled') this.status = 'cancelled';
        return;
      }
      this.status = 'failed';
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  /** Opens the rules page on one rule. */
  showRule(ruleId: string): void {
    this.focusRule = ruleId;
    this.view = 'rules';
  }

  /** Prepares the worker once the page is idle. */
  warm(): void {
    this.#client.warm();
  }

  /** Stops a running check (a hostile file cannot hold the page). */
  cancel(): void {
    this.#client.cancel();
  }
}

const KEY = Symbol('app');

/** Makes the state available to every component below the caller. */
export function provideApp(app: AppState): void {
  setContext(KEY, app);
}

/** The state shared by the components. */
export function useApp(): AppState {
  return getContext<AppState>(KEY);
}
