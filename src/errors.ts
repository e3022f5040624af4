// The two kinds of failure and the exit codes, in one place (the README's table mirrors this one; src/cli.ts
// turns each failure into its code).
//   "Your input is wrong": a UsageError (exit 2) or data problems (exit 1): a message, no stack.
//   "Our bug": anything else: the stack, and a plea to report it (exit 3).
//   Ctrl+C: exit 130 (src/io/write-output.ts removes the temp file of a write under way first).

export const EXIT = {
  /** The report or the check succeeded. */
  ok: 0,
  /** The data is invalid: every problem was listed. */
  invalidData: 1,
  /** Wrong usage, or an environment problem that is not the data's fault. */
  usage: 2,
  /** A bug in assess. */
  bug: 3,
  /** Interrupted (Ctrl+C, SIGINT): an --out file being written is left untouched, its temp file removed. */
  interrupted: 130,
} as const;

/** Wrong usage or environment: printed as it is, exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** A template's mistake (the user's --template, or ours): its file, and "LINE:COL: what" in plain words (src/report/template-errors.ts). Exit 2. */
export class TemplateError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}
