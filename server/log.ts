// Human-facing progress on stderr for long CLI work; quiet when not a terminal or in CI logs (one line per step).
export interface Progress {
  step(label: string): void;
  update(done: number, total: number): void;
  done(summary?: string): void;
}

export function consoleProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  let label = '';
  let started = 0;
  let lastDraw = 0;
  const tty = stream.isTTY === true;
  return {
    step(l) {
      label = l;
      started = performance.now();
      if (!tty) stream.write(`${label} …\n`);
    },
    update(done, total) {
      const now = performance.now();
      if (!tty || now - lastDraw < 100) return;
      lastDraw = now;
      const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
      const bar = '█'.repeat(Math.floor(pct / 4)).padEnd(25, '░');
      stream.write(`\r${label} ${bar} ${pct}% (${done}/${total})`);
    },
    done(summary) {
      const s = ((performance.now() - started) / 1000).toFixed(1);
      stream.write(`${tty ? '\r\x1b[2K' : ''}${label}: done in ${s} s${summary ? ` — ${summary}` : ''}\n`);
    },
  };
}

export const silentProgress: Progress = { step() {}, update() {}, done() {} };
