// The folders of a roll-up (the contract's "Many units in one run"): the DIRs named, and the subfolders of each
// --units folder; each folder one unit, its name the unit's id, all in id order (our own comparison, the same
// as for ids: never the locale's). Then what each folder holds: its tables (./locate.ts), or figures.json, or
// neither (a unit the roll-up names as a problem while it checks the others).
import path from 'node:path';
import { UsageError } from '../errors.js';
import { orderByIds } from '../figures/order.js';
import { quote } from '../problems.js';
import { kindOf } from './inputs.js';
import { listDir, locateInputs, MissingTables, namesIn, present, requireDir, type Inputs } from './locate.js';

export interface UnitFolder {
  /** The folder's name: the unit's id in byUpper. */
  id: string;
  dir: string;
}

/** What a unit's folder holds. `meta`: its report.json, when it has one. */
export type UnitFiles =
  | { kind: 'rows'; inputs: Inputs; meta: string | undefined }
  | { kind: 'figures'; file: string; meta: string | undefined }
  | { kind: 'missing'; message: string; hint: string; meta: string | undefined };

const EACH = 'mỗi đơn vị (đảng bộ xã, phường, đặc khu, khối) là một thư mục chứa organizations.csv và members.csv (hoặc .xlsx), hoặc figures.json';

/** The unit folders of a run: the DIRs, and the subfolders of each --units folder, in id order. */
export function listUnits(dirs: readonly string[], parents: readonly string[]): UnitFolder[] {
  const found: UnitFolder[] = [];
  for (const dir of dirs) {
    requireDir(dir, EACH);
    found.push({ id: path.basename(path.resolve(dir)), dir });
  }
  for (const parent of parents) {
    requireDir(parent, '--units nhận một thư mục mà mỗi thư mục con là một đơn vị');
    const names = listDir(parent);
    const subfolders: UnitFolder[] = [];
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const dir = path.join(parent, name);
      if (kindOf(dir).kind === 'dir') subfolders.push({ id: name, dir });
    }
    if (subfolders.length === 0) throw new UsageError(`thư mục ${quote(parent)} không có thư mục con nào`, `--units nhận một thư mục mà mỗi thư mục con là một đơn vị: ${EACH}`);
    found.push(...subfolders);
  }
  const units = orderByIds(found.map((u) => u.id)).map((k) => found[k]!);
  for (let k = 1; k < units.length; k++) {
    const [a, b] = [units[k - 1]!, units[k]!];
    if (a.id === b.id) {
      const same = path.resolve(a.dir) === path.resolve(b.dir);
      throw new UsageError(
        same ? `thư mục ${quote(a.dir)} được nêu hai lần` : `hai thư mục cùng tên ${quote(a.id)}: ${quote(a.dir)} và ${quote(b.dir)}`,
        same ? 'mỗi đơn vị chỉ nêu một lần' : 'tên thư mục là mã của đơn vị trong báo cáo: đổi tên một trong hai thư mục',
      );
    }
  }
  return units;
}

/** What a unit's folder holds: rows, figures, or neither. Rows and figures together is a usage error. */
export async function locateUnit(dir: string): Promise<UnitFiles> {
  const figures = path.join(dir, 'figures.json');
  // What the folder holds, listed once: a name it does not hold is not looked at.
  const names = namesIn(dir);
  const look = (name: string) => (names && !names.has(name) ? false : present(path.join(dir, name)));
  const hasFigures = look('figures.json');
  const meta = look('report.json') ? path.join(dir, 'report.json') : undefined;
  let inputs: Inputs | undefined;
  let missing: MissingTables | undefined;
  try {
    inputs = await locateInputs(dir);
  } catch (e) {
    if (!(e instanceof MissingTables)) throw e;
    missing = e;
  }
  if (hasFigures && (inputs || (missing?.found ?? 0) > 0)) {
    throw new UsageError(
      `thư mục ${quote(dir)} có cả figures.json và danh sách tổ chức, đảng viên: không biết lấy số liệu nào`,
      'một đơn vị gửi lên hoặc số liệu (figures.json), hoặc danh sách từng dòng: chuyển một trong hai ra thư mục khác',
    );
  }
  if (hasFigures) return { kind: 'figures', file: figures, meta };
  if (inputs) return { kind: 'rows', inputs, meta };
  const what = missing!.message.replace(/^thư mục "[^"]*" /, '');
  return { kind: 'missing', message: what, hint: 'mỗi đơn vị cần organizations.csv và members.csv (hoặc .xlsx), hoặc tệp figures.json do assess report --format json in ra cho đơn vị', meta };
}
