/** What a progress display needs from the stream it draws on (`process.stderr`). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): boolean;
}

/** A progress bar on a terminal: count, rate and estimated time left. */
export interface Progress {
  tick(): void;
  done(): void;
}

const SILENT: Progress = { tick() {}, done() {} };
// Redrawing more often than this costs more than it tells.
const REDRAW_MS = 80;

/**
 * Makes the progress bar of a batch: drawn on the stream only when it is a TTY, never with
 * `--quiet`, and not for a single input. Otherwise a no-op, so output piped to a file or a CI
 * log stays clean.
 */
export function createProgress(stream: ProgressStream, total: number, enabled: boolean, now: () => number = Date.now): Progress {
  if (!enabled || !stream.isTTY || total < 2) return SILENT;
  const start = now();
  let count = 0;
  let last = 0;
  const draw = (): void => {
    const elapsed = Math.max(1, now() - start) / 1000;
    const rate = count / elapsed;
    const eta = rate > 0 ? (total - count) / rate : 0;
    const info = ` ${count}/${total}  ${rate.toFixed(1)} files/s  ETA ${formatDuration(eta)}`;
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - info.length - 3));
    const filled = Math.round((count / total) * width);
    stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]${info}\u001b[K`);
  };
  draw();
  return {
    tick() {
      count++;
      const t = now();
      if (t - last >= REDRAW_MS || count === total) {
        last = t;
        draw();
      }
    },
    done() {
      stream.write('\r\u001b[K');
    },
  };
}

/** Formats seconds as `42s` or `3m05s`. */
export function formatDuration(seconds: number): string {
  const s = Math.ceil(seconds);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}
