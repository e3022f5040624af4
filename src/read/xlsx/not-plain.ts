// A sheet the byte path cannot take as CSV bytes (./sheet-csv.ts): it is read by sheet.ts instead. Apart, so
// that the checkers can tell it without loading the workbook reader.

/** The sheet holds something only the general reader reads: read it there. */
export class NotPlain extends Error {}
