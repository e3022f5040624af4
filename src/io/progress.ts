// Progress on a terminal: after about a second, one line rewritten in place, then erased at the end.
// Rows are estimated from the bytes read and the average row length of the file's first chunk.
import { formatCount } from '../format.js';

export type Progress = (file: string, bytes: number, total: number, bytesPerRow: number) => void;

export function terminalProgress(stream: NodeJS.WriteStream, delayMs = 1000, everyMs = 200): { progress: Progress; done: () => void } {
  const start = performance.now();
  let last = 0;
  let shown = false;
  const progress: Progress = (file, bytes, total, bytesPerRow) => {
    const now = performance.now();
    if (now - start < delayMs || now - last < everyMs) return;
    last = now;
    const rows = Math.round(bytes / Math.max(1, bytesPerRow));
    const perSecond = rows / ((now - start) / 1000);
    const percent = total > 0 ? Math.min(100, Math.floor((bytes / total) * 100)) : 0;
    const name = file.split(/[\\/]/).pop();
    stream.write(`\r\u001b[K${name}: ${percent}% · ~${formatCount(rows)} dòng · ~${formatCount(Math.round(perSecond))} dòng/giây`);
    shown = true;
  };
  /** Erases the progress line (before anything else is written, and at the end). */
  const done = () => {
    if (shown) stream.write('\r\u001b[K');
    shown = false;
  };
  return { progress, done };
}
