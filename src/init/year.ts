// The year `assess init` writes when --year is not given (apart from the starter files, which only `init` loads).

/** The rating year current when this was written; nothing reads the clock. */
export const INIT_YEAR = 2026;
