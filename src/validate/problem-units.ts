// The unit each problem belongs to, so that a district can send each base organization the list of its own
// problems (validate --format xlsx). A problem names a file and a line; the unit is read from that line:
//   organizations: the row's parent_id when it has one (a cell belongs to its đảng bộ cơ sở), else its own id
//   (a base organization is its own unit);
//   members: the row's org_id (its cell), and that cell's parent_id when organizations has it (the cell's
//   đảng bộ cơ sở), among the rows of the years checked.
// A problem of a whole file (line 0), or of a line whose unit cell is blank or unreadable, has none. The files
// are read again, only for the lines of the problems listed: once per file, records only, no check.
import type { Problem } from '../problems.js';
import type { Batch } from '../read/source.js';
import type { RawRecord } from '../read/tokenize.js';
import { isTitleLine, mapHeader, MAX_TITLE_LINES, MEMBER_COLUMNS, ORG_COLUMNS } from './columns.js';
import { parseYear } from './schema.js';

export interface Unit {
  /** The unit's id as the files write it. */
  id: string;
  /** Its name, when organizations has it. */
  name: string | null;
}

/** The unit of a problem, by "file\tline". */
export type ProblemUnits = Map<string, Unit>;

export const unitKey = (file: string, line: number) => `${file}\t${line}`;

/** The header (the first line naming a required column, within MAX_TITLE_LINES) and the rows after it. */
async function* rows(batches: AsyncIterable<Batch>, columns: typeof ORG_COLUMNS | typeof MEMBER_COLUMNS): AsyncGenerator<{ header: readonly string[]; record: RawRecord }> {
  let header: readonly string[] | undefined;
  let seen = 0;
  for await (const batch of batches) {
    if (batch.refused) return;
    for (const record of batch.records) {
      if (header) yield { header, record };
      else if (++seen > MAX_TITLE_LINES) return;
      else if (!isTitleLine(record.fields, columns)) header = record.fields;
    }
  }
}

const cellOf = (r: RawRecord, i: number) => (i >= 0 ? (r.fields[i] ?? '').trim().normalize('NFC') : '');

/**
 * The units of the problems' lines. `open` gives a file's batches (as the checkers read it); `years` are the
 * years checked (a cell's parent is looked up among their rows).
 */
export async function problemUnits(
  files: { organizations: string; members: string },
  open: (file: string) => AsyncIterable<Batch>,
  problems: readonly Problem[],
  years: ReadonlySet<number>,
): Promise<ProblemUnits> {
  const wanted = new Set(problems.filter((p) => p.line > 0).map((p) => unitKey(p.file, p.line)));
  const units: ProblemUnits = new Map();
  if (wanted.size === 0) return units;
  // Organizations: each one's name and parent (of the years checked), and the unit of each line asked for.
  const orgs = new Map<string, { name: string; parent: string }>();
  let map: ReturnType<typeof mapHeader<(typeof ORG_COLUMNS)[number]['key']>> | undefined;
  const orgLines = new Map<number, { id: string; parent: string }>();
  for await (const { header, record } of rows(open(files.organizations), ORG_COLUMNS)) {
    map ??= mapHeader(header, ORG_COLUMNS);
    const id = cellOf(record, map.index.id);
    const parent = cellOf(record, map.index.parent_id);
    const year = parseYear(cellOf(record, map.index.year));
    if (id && year !== undefined && years.has(year) && !orgs.has(id)) orgs.set(id, { name: cellOf(record, map.index.name), parent });
    if (wanted.has(unitKey(files.organizations, record.line))) orgLines.set(record.line, { id, parent });
  }
  const unitOf = (id: string): Unit | undefined => (id === '' ? undefined : { id, name: orgs.get(id)?.name || null });
  for (const [line, o] of orgLines) {
    const u = unitOf(o.parent || o.id);
    if (u) units.set(unitKey(files.organizations, line), u);
  }
  // Members: read up to the last line asked for, no further.
  let left = [...wanted].filter((k) => k.startsWith(`${files.members}\t`)).length;
  if (left === 0) return units;
  let members: ReturnType<typeof mapHeader<(typeof MEMBER_COLUMNS)[number]['key']>> | undefined;
  for await (const { header, record } of rows(open(files.members), MEMBER_COLUMNS)) {
    if (!wanted.has(unitKey(files.members, record.line))) continue;
    members ??= mapHeader(header, MEMBER_COLUMNS);
    const cell = cellOf(record, members.index.org_id);
    const u = unitOf(orgs.get(cell)?.parent || cell);
    if (u) units.set(unitKey(files.members, record.line), u);
    if (--left === 0) break;
  }
  return units;
}
