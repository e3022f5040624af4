// Which files of DIR hold the two tables: organizations.csv or organizations.xlsx, members.csv or
// members.xlsx, or one workbook (any .xlsx of DIR) whose sheets are named for them (`Tổ chức`, `Đảng viên`,
// or `organizations`, `members`); and report.json. Two sources for one table (a CSV and an xlsx, or a file
// and a workbook's sheet), a table saved only as .xls or .ods, or a table found nowhere: a usage error
// (exit 2) that says what to do. A workbook is looked for only when a table has no file of its own, so an
// .xlsx written into DIR by `--format xlsx` is left alone.
import { accessSync, constants, readdirSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { quote } from '../problems.js';
import type { Table } from '../read/xlsx/workbook.js';
import { fsReason, kindOf, notAFile, requireCwd, showPath } from './inputs.js';

/** Where a table is read from. */
export interface TableRef {
  path: string;
  format: 'csv' | 'xlsx';
  table: Table;
  /** The file is a workbook of both tables (its sheets named for them), not the table's own file. */
  both: boolean;
}

export interface Inputs {
  /** The organizations' table as problems name it: `DIR/organizations.csv`, or `DIR/data.xlsx[Tổ chức]`. */
  organizations: string;
  members: string;
  /** report.json, when DIR has one. */
  meta: string | undefined;
  /** Where each table is read, by the name problems give it. */
  tables: ReadonlyMap<string, TableRef>;
}

const TABLES: readonly Table[] = ['organizations', 'members'];
const WHAT: Readonly<Record<Table, string>> = { organizations: 'danh sách tổ chức', members: 'danh sách đảng viên' };
const WHERE_TABLES = 'DIR là thư mục chứa organizations.csv và members.csv (hoặc organizations.xlsx và members.xlsx)';

/** DIR lacks a table: a usage error for one folder; a roll-up names the unit and checks the others. */
export class MissingTables extends UsageError {
  constructor(
    message: string,
    hint: string,
    /** How many of the tables DIR does hold. */
    readonly found: number,
  ) {
    super(message, hint);
  }
}

/** A file DIR may hold: refused when it is something other than a readable regular file. */
export function present(file: string): boolean {
  const k = kindOf(file);
  if (k.kind === 'missing') return false;
  if (k.kind === 'dangling') throw new UsageError(`${showPath(file)} là liên kết tượng trưng (symlink) trỏ tới một tệp không tồn tại`);
  if (k.kind === 'dir') throw new UsageError(`${showPath(file)} là một thư mục, không phải là tệp`);
  if (k.kind === 'other') throw new UsageError(`${showPath(file)} ${notAFile(k.stats)}`);
  // Unreadable (permissions): said here, in words, rather than by the reader deep in the run.
  try {
    accessSync(file, constants.R_OK);
  } catch (e) {
    throw new UsageError(`không đọc được ${showPath(file)}: ${fsReason(e, 'đọc')}`);
  }
  return true;
}

/** The names in a folder (a usage error when it cannot be read). */
export function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (e) {
    throw new UsageError(`không đọc được thư mục ${showPath(dir)}: ${fsReason(e, 'đọc')}`);
  }
}

/** The names in a folder, or undefined when it cannot be listed (each name is then looked at on its own). */
export function namesIn(dir: string): Set<string> | undefined {
  try {
    return new Set(readdirSync(dir));
  } catch {
    return undefined;
  }
}

/** DIR must be a folder: missing, a dangling link or a file is a usage error, said with `hint`. */
export function requireDir(dir: string, hint: string): void {
  requireCwd(dir);
  const d = kindOf(dir);
  if (d.kind === 'missing' || d.kind === 'dangling') throw new UsageError(`không có thư mục ${quote(dir)}`, hint);
  if (d.kind !== 'dir') throw new UsageError(`${quote(dir)} không phải là thư mục`, hint);
}

export async function locateInputs(dir: string): Promise<Inputs> {
  requireDir(dir, WHERE_TABLES);
  const file = (name: string) => path.join(dir, name);
  // What DIR holds, listed once: a name it does not hold is not looked at (a roll-up locates hundreds of folders).
  const listed = namesIn(dir);
  const look = (name: string) => (listed && !listed.has(name) ? false : present(file(name)));
  const found = new Map<Table, { name: string; ref: TableRef }>();
  for (const table of TABLES) {
    const csv = look(`${table}.csv`);
    const xlsx = look(`${table}.xlsx`);
    if (csv && xlsx) {
      throw new UsageError(`thư mục ${quote(dir)} có cả ${table}.csv và ${table}.xlsx cho ${WHAT[table]}: không biết đọc tệp nào`, `chỉ để lại một trong hai tệp (xóa hoặc chuyển tệp kia ra thư mục khác)`);
    }
    if (csv || xlsx) {
      const p = file(`${table}.${csv ? 'csv' : 'xlsx'}`);
      found.set(table, { name: p, ref: { path: p, format: csv ? 'csv' : 'xlsx', table, both: false } });
    }
  }
  if (found.size < TABLES.length) await fromWorkbook(dir, found);
  const missing = TABLES.filter((t) => !found.has(t));
  if (missing.length) await sayMissing(dir, missing, TABLES.length - missing.length);
  const meta = look('report.json');
  const organizations = found.get('organizations')!;
  const members = found.get('members')!;
  return {
    organizations: organizations.name,
    members: members.name,
    meta: meta ? file('report.json') : undefined,
    tables: new Map([organizations, members].map((t) => [t.name, t.ref])),
  };
}

/** The .xlsx files of DIR other than the tables' own, in name order (Excel's lock files `~$…` aside). */
function otherWorkbooks(dir: string): string[] {
  const names = listDir(dir);
  const own = new Set(TABLES.map((t) => `${t}.xlsx`));
  return names.filter((n) => /\.xlsx$/i.test(n) && !n.startsWith('~$') && !n.startsWith('.') && !own.has(n.toLowerCase())).sort();
}

/** The tables still missing, from a workbook of DIR whose sheets are named for them. */
async function fromWorkbook(dir: string, found: Map<Table, { name: string; ref: TableRef }>): Promise<void> {
  const offers = new Map<Table, { name: string; ref: TableRef }[]>();
  const others = otherWorkbooks(dir);
  if (others.length === 0) return;
  // The workbook reader is loaded when there is a workbook to read (a folder of CSV files never needs it).
  const [{ workbookSheets }, { tableOfSheet }] = await Promise.all([import('./read-workbook.js'), import('../read/xlsx/workbook.js')]);
  for (const name of others) {
    const p = path.join(dir, name);
    if (!present(p)) continue;
    const workbook = await workbookSheets(p);
    for (const sheet of workbook?.sheets ?? []) {
      const table = sheet.part === undefined ? undefined : tableOfSheet(sheet.name);
      if (!table) continue;
      const list = offers.get(table) ?? [];
      if (list.some((o) => o.ref.path === p)) continue; // a second sheet of the same name: the first is read
      list.push({ name: `${p}[${sheet.name}]`, ref: { path: p, format: 'xlsx', table, both: true } });
      offers.set(table, list);
    }
  }
  for (const [table, list] of offers) {
    const own = found.get(table);
    if (own) {
      throw new UsageError(`${WHAT[table]} có ở hai nơi: ${showPath(own.name)} và trang tính ${showPath(list[0]!.name)}: không biết đọc nơi nào`, 'chỉ để lại một nơi (xóa hoặc đổi tên trang tính, hoặc chuyển tệp ra thư mục khác)');
    }
    if (list.length > 1) {
      throw new UsageError(`${WHAT[table]} có ở nhiều sổ làm việc: ${list.map((o) => showPath(o.name)).join(', ')}: không biết đọc sổ nào`, 'chỉ để lại một sổ làm việc có trang tính này trong thư mục');
    }
    found.set(table, list[0]!);
  }
}

/** The tables missing: said with what DIR holds instead (an .xls or .ods to save as .xlsx), exit 2. */
async function sayMissing(dir: string, missing: readonly Table[], found: number): Promise<never> {
  const names = namesIn(dir) ?? new Set<string>();
  const old = [...names].filter((n) => /\.(xls|ods|xlsm|xlsb)$/i.test(n)).sort();
  if (old.length) {
    const calc = old.some((n) => /\.ods$/i.test(n));
    const { SAVE_AS_XLSX, SAVE_AS_XLSX_CALC } = await import('../read/xlsx/workbook.js');
    throw new MissingTables(
      `thư mục ${quote(dir)} thiếu ${missing.map((t) => WHAT[t]).join(' và ')}; chương trình không đọc được ${old.map((n) => quote(n)).join(', ')}: chỉ đọc tệp CSV hoặc sổ làm việc Excel .xlsx`,
      `hãy ${calc ? SAVE_AS_XLSX_CALC : SAVE_AS_XLSX}, đặt tên ${missing.map((t) => `${t}.xlsx`).join(' và ')} (hoặc một sổ làm việc có các trang tính "Tổ chức" và "Đảng viên")`,
      found,
    );
  }
  throw new MissingTables(
    `thư mục ${quote(dir)} thiếu ${missing.map((t) => `${t}.csv`).join(' và ')}`,
    `xuất danh sách tổ chức ra organizations.csv và danh sách đảng viên ra members.csv (CSV, UTF-8), hoặc lưu thành organizations.xlsx và members.xlsx, đặt cùng thư mục; hoặc một sổ làm việc .xlsx có hai trang tính "Tổ chức" và "Đảng viên"`,
    found,
  );
}
