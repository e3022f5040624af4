// The two kinds of failure and the exit codes, in one place (the README's table mirrors this one).
//   "Your input is wrong": a UsageError (exit 2) or data problems (exit 1): a message, no stack.
//   "Our bug": anything else: the stack, and a plea to report it (exit 3).

export const EXIT = {
  /** The report or the check succeeded. */
  ok: 0,
  /** The data is invalid: every problem was listed. */
  invalidData: 1,
  /** Wrong usage, or an environment problem that is not the data's fault. */
  usage: 2,
  /** A bug in assess. */
  bug: 3,
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

/** A template's mistake (the user's --template, or ours): its file, and "LINE:COL: what" in plain words. Exit 2. */
export class TemplateError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}
