/** A progress line on a terminal's stderr: done/total, rate and time left; silent anywhere else. */
export interface ProgressStream { write(s: string): unknown; isTTY?: boolean; columns?: number }

export interface Progress { update(done: number): void; end(): void }

const SILENT: Progress = { update() {}, end() {} };

export function progress(stream: ProgressStream, total: number, opts: { enabled: boolean; color: boolean; label: string }): Progress {
  if (!opts.enabled || !stream.isTTY || total === 0) return SILENT;
  const t0 = performance.now();
  let last = 0, shown = false;
  const clock = (s: number) => (Number.isFinite(s) ? `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}` : '--:--');
  const draw = (done: number) => {
    const secs = (performance.now() - t0) / 1000;
    const rate = done / Math.max(secs, 1e-3);
    const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - 60));
    const fill = Math.round((done / total) * width);
    const bar = '█'.repeat(fill) + '░'.repeat(width - fill);
    const text = `${opts.label} ${opts.color ? `\x1b[36m${bar}\x1b[0m` : bar} ${done}/${total}  ${rate.toFixed(1)} docs/s  ETA ${clock((total - done) / rate)}`;
    stream.write(`\r${text}\x1b[K`);
    shown = true;
  };
  return {
    update(done: number) {
      const now = performance.now();
      if (now - last < 100 && done < total) return;
      last = now;
      draw(done);
    },
    end() { if (shown) stream.write('\r\x1b[K'); },
  };
}
