// Whole-program property tests, in this process (the reference reports from the built binary): any bytes end in a
// clean exit; every supported dialect of the same data, and any order of its rows, give byte-identical output.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytes } from './encoders.js';
import { enc, expectClean, M_HEADER, O_HEADER, run, runIn, utf16be, utf16le } from './hostile-support.js';
import { scratch, SMALL } from './support.js';
import { mulberry32 } from '../scripts/lib/fixtures.mjs'; // one fast-check seed drives every per-cell choice

// ---------------------------------------------------------------------------------------------------
// A larger district, generated: 3 committees with cells, 2 base cells, 54 members, every rating, reasons,
// a name with a quote and a comma, a reason over two lines. No regulation warning (their line numbers
// would change when rows move).

const ORG_COLS = ['id', 'name', 'kind', 'parent_id', 'year', 'rating'] as const;
const MEM_COLS = ['id', 'name', 'org_id', 'year', 'rating', 'reason'] as const;
type Row = Record<string, string>;

function district(): { orgs: Row[]; members: Row[] } {
  const orgs: Row[] = [];
  const cells: string[] = [];
  const committee = (id: string, name: string, rating: string, cellRatings: string[]) => {
    orgs.push({ id, name, kind: 'dang_bo_co_so', parent_id: '', year: '2017', rating });
    cellRatings.forEach((r, i) => {
      orgs.push({ id: `${id}-C${i + 1}`, name: `Chi bộ thôn ${['Một', 'Hai', 'Ba'][i]} ${name.replace(/^Đảng bộ /, '')}`, kind: 'chi_bo_truc_thuoc', parent_id: id, year: '2017', rating: r });
      cells.push(`${id}-C${i + 1}`);
    });
  };
  committee('DB1', 'Đảng bộ xã Tân Phước', 'HTTNV', ['TSVM', 'HTTNV', 'YEU']); // 1/3 weak: not more than 1/3, no warning
  committee('DB2', 'Đảng bộ thị trấn Chợ Lầu', 'HTTNV', ['HTTNV', 'TSVM']);
  committee('DB3', 'Đảng bộ xã Phan Hòa', 'YEU', ['YEU', 'HTNV']);
  orgs.push({ id: 'CB1', name: 'Chi bộ Trường THPT Bắc Bình', kind: 'chi_bo_co_so', parent_id: '', year: '2017', rating: 'HTNV' });
  orgs.push({ id: 'CB2', name: 'Chi bộ Bệnh viện "Đa khoa", khu vực Nam', kind: 'chi_bo_co_so', parent_id: '', year: '2017', rating: 'TSVM' });
  cells.push('CB1', 'CB2');
  const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Dương'];
  const GIVEN = ['Văn Ánh', 'Thị Bình', 'Hữu Cường', 'Ngọc Dũng', 'Minh Đức', 'Thị Giang', 'Quốc Hải', 'Thu Hạnh', 'Xuân Hiếu', 'Thị Hồng', 'Đình Hùng', 'Thị Hương', 'Công Khánh'];
  const RATINGS = ['HTXSNV', 'HTTNV', 'HTTNV', 'HTNV', 'HTNV_HC', 'KHTNV', 'UNRANKED', 'PENDING', 'HTTNV'];
  const REASONS: Record<string, string[]> = {
    UNRANKED: ['Miễn sinh hoạt', 'Mới kết nạp', 'Miễn sinh hoạt', 'Chuyển sinh hoạt, chờ hồ sơ'],
    PENDING: ['Đi làm ăn xa', 'Ốm dài ngày\n(đang nằm viện)'],
  };
  const members: Row[] = [];
  for (let i = 0; i < 54; i++) {
    const rating = RATINGS[i % RATINGS.length]!;
    const reasons = REASONS[rating];
    members.push({
      id: `DV${String(i + 1).padStart(3, '0')}`,
      name: i === 7 ? 'Nguyễn Văn "Út", em' : `${SURNAMES[i % SURNAMES.length]} ${GIVEN[(i * 5) % GIVEN.length]}`,
      org_id: cells[i % cells.length]!,
      year: '2017',
      rating: rating === 'PENDING' ? '' : rating,
      reason: reasons ? reasons[Math.floor(i / RATINGS.length) % reasons.length]! : '',
    });
  }
  return { orgs, members };
}

const DISTRICT = district();

interface Dialect {
  seed: number;
  encoding: 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be';
  delimiter: ',' | ';' | '\t';
  eol: '\n' | '\r\n';
  quoteAll: boolean;
  form: 'NFC' | 'NFD';
  orgOrder: string[];
  memberOrder: string[];
}

const CANONICAL: Dialect = {
  seed: 0,
  encoding: 'utf8',
  delimiter: ',',
  eol: '\n',
  quoteAll: false,
  form: 'NFC',
  orgOrder: [...ORG_COLS],
  memberOrder: [...MEM_COLS],
};

const HEADER_VI: Record<string, Record<string, string>> = {
  org: { id: 'Mã', name: 'Tên tổ chức', kind: 'Loại', parent_id: 'Mã cấp trên', year: 'Năm', rating: 'Xếp loại' },
  member: { id: 'Mã đảng viên', name: 'Họ và tên', org_id: 'Mã chi bộ', year: 'Năm', rating: 'Xếp loại', reason: 'Lý do' },
};
const RATING_NAMES: Record<string, string[]> = {
  TSVM: ['Trong sạch vững mạnh'],
  HTTNV: ['Hoàn thành tốt nhiệm vụ'],
  HTNV: ['Hoàn thành nhiệm vụ'],
  YEU: ['Yếu kém', 'Yếu'],
  HTXSNV: ['Hoàn thành xuất sắc nhiệm vụ'],
  HTNV_HC: ['Đủ tư cách hoàn thành nhiệm vụ nhưng có hạn chế', 'Hoàn thành nhiệm vụ nhưng còn hạn chế'],
  KHTNV: ['Không hoàn thành nhiệm vụ'],
  UNRANKED: ['Không xếp loại', 'Không phân loại'],
  PENDING: ['Chưa xếp loại', 'Chưa phân loại', ''],
};
const KIND_NAMES: Record<string, string[]> = {
  dang_bo_co_so: ['Đảng bộ cơ sở'],
  chi_bo_co_so: ['Chi bộ cơ sở'],
  chi_bo_truc_thuoc: ['Chi bộ trực thuộc đảng ủy cơ sở', 'Chi bộ trực thuộc'],
};

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const randomCase = (rnd: () => number, s: string): string => [...s].map((ch) => (rnd() < 0.5 ? ch.toUpperCase() : ch.toLowerCase())).join('');
const stripAccents = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

/** A rating or kind cell in one of its accepted spellings. */
function spell(rnd: () => number, code: string, names: Record<string, string[]>): string {
  if (code === '') return pick(rnd, ['', ...randomSpellings(rnd, 'PENDING', names.PENDING ?? [])]);
  return pick(rnd, randomSpellings(rnd, code, names[code] ?? []));
}
function randomSpellings(rnd: () => number, code: string, names: string[]): string[] {
  const forms = [code, randomCase(rnd, code), ...names.flatMap((n) => (n === '' ? [''] : [n, randomCase(rnd, n), stripAccents(n), randomCase(rnd, stripAccents(n))]))];
  return forms;
}

function csvFile(d: Dialect, rows: Row[], order: string[], table: 'org' | 'member'): Uint8Array {
  const rnd = mulberry32(d.seed ^ (table === 'org' ? 0x5bd1e995 : 0x1b873593));
  const quote = (s: string) => (d.quoteAll || s.includes(d.delimiter) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const header = order.map((col) => {
    if (d.seed === 0) return col;
    const vi = rnd() < 0.5;
    let h = vi ? HEADER_VI[table]![col]! : col;
    if (rnd() < 0.5) h = randomCase(rnd, h);
    if (!vi && rnd() < 0.3) h = h.replace('_', pick(rnd, ['-', ' ']));
    if (rnd() < 0.2) h = ` ${h} `;
    return h;
  });
  const cell = (row: Row, col: string): string => {
    const v = row[col]!;
    if (d.seed === 0) return v;
    if (col === 'rating') return spell(rnd, v, RATING_NAMES);
    if (col === 'kind') return spell(rnd, v, KIND_NAMES);
    return v;
  };
  const lines = [header.map(quote).join(d.delimiter), ...rows.map((row) => order.map((col) => quote(cell(row, col))).join(d.delimiter))];
  const text = (lines.join(d.eol) + d.eol).normalize(d.form);
  switch (d.encoding) {
    case 'utf8':
      return enc.encode(text);
    case 'utf8bom':
      return bytes([0xef, 0xbb, 0xbf], enc.encode(text));
    case 'utf16le':
      return bytes([0xff, 0xfe], utf16le(text));
    case 'utf16be':
      return bytes([0xfe, 0xff], utf16be(text));
  }
}

function writeDistrict(d: Dialect, data = DISTRICT, dir = scratch('assess-dialect-')): string {
  writeFileSync(path.join(dir, 'organizations.csv'), csvFile(d, data.orgs, d.orgOrder, 'org'));
  writeFileSync(path.join(dir, 'members.csv'), csvFile(d, data.members, d.memberOrder, 'member'));
  return dir;
}

// ---------------------------------------------------------------------------------------------------
// Part 3: properties

describe('properties', () => {
  const SPECIAL = [
    '"', '""', ',', ';', '\n', '\r', '\r\n', '\t', ' ', 'ễ', 'Đ', 'ư', 'ơ', 'e\u0301', '\uFEFF', '\u0000', '\uFFFD',
    'DV1', 'CB1', 'DB1', 'DB1-C1', '2017', '2016', 'HTNV', 'TSVM', 'chi_bo_co_so', 'chi_bo_truc_thuoc', 'dang_bo_co_so', 'Nguyễn Văn An',
  ];
  const text = fc.array(fc.constantFrom(...SPECIAL), { maxLength: 300 }).map((xs) => xs.join(''));
  const junk = (header: string) =>
    fc.oneof(
      fc.uint8Array({ maxLength: 4096 }),
      text.map((t) => enc.encode(t)),
      text.map((t) => enc.encode(`${header}\n${t}`)),
      fc.tuple(fc.constantFrom<'le' | 'be'>('le', 'be'), text).map(([bo, t]) => (bo === 'le' ? bytes([0xff, 0xfe], utf16le(`${header}\n${t}`)) : bytes([0xfe, 0xff], utf16be(`${header}\n${t}`)))),
    );

  it.each([
    ['members.csv', 'members', M_HEADER],
    ['organizations.csv', 'organizations', O_HEADER],
  ] as const)('any bytes as %s: exit 0, 1 or 2, no stack trace, within 10 s', async (_file, key, header) => {
    const dir = scratch('assess-junk-');
    try {
      await fc.assert(
        fc.asyncProperty(junk(header), fc.constantFrom('validate', 'report'), async (content, command) => {
          writeFileSync(path.join(dir, 'organizations.csv'), key === 'organizations' ? content : SMALL.organizations);
          writeFileSync(path.join(dir, 'members.csv'), key === 'members' ? content : SMALL.members);
          const r = await runIn([command, '--year', '2017', dir]);
          expectClean(r, 10_000);
          expect([0, 1, 2]).toContain(r.code);
          if (r.code !== 0 || command === 'validate') expect(r.stdout).toBe('');
        }),
        { numRuns: 50 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('the same data in any supported dialect', () => {
    let canonicalJson: string;
    let canonicalText: string;
    beforeAll(() => {
      // The reference reports from the built binary; the properties below run in this process.
      const dir = writeDistrict(CANONICAL);
      const j = run(['report', '--year', '2017', dir, '--format', 'json']);
      const t = run(['report', '--year', '2017', dir]);
      expect(j.code).toBe(0);
      expect(t.code).toBe(0);
      canonicalJson = j.stdout;
      canonicalText = t.stdout;
      rmSync(dir, { recursive: true, force: true });
    });

    it('the canonical district is valid, warning-free and covers every rating', () => {
      const j = JSON.parse(canonicalJson);
      expect(j.warnings).toEqual([]);
      expect(j.members.total).toBe(54);
      for (const n of Object.values(j.members.byRating as Record<string, number>)) expect(n).toBeGreaterThan(0);
      expect(j.cells.byRating.YEU).toBe(2);
      expect(j.weak.length).toBe(2); // two groups, whose order must not depend on the rows' order
    });

    const dialect: fc.Arbitrary<Dialect> = fc.record({
      seed: fc.integer({ min: 1, max: 0x7fffffff }),
      encoding: fc.constantFrom('utf8', 'utf8bom', 'utf16le', 'utf16be'),
      delimiter: fc.constantFrom(',', ';', '\t'),
      eol: fc.constantFrom('\n', '\r\n'),
      quoteAll: fc.boolean(),
      form: fc.constantFrom('NFC', 'NFD'),
      orgOrder: fc.shuffledSubarray([...ORG_COLS], { minLength: ORG_COLS.length, maxLength: ORG_COLS.length }),
      memberOrder: fc.shuffledSubarray([...MEM_COLS], { minLength: MEM_COLS.length, maxLength: MEM_COLS.length }),
    });

    it('report --format json is byte-identical to the canonical one', async () => {
      await fc.assert(
        fc.asyncProperty(dialect, async (d) => {
          const dir = writeDistrict(d);
          try {
            const r = await runIn(['report', '--year', '2017', dir, '--format', 'json']);
            expectClean(r);
            expect(r.stderr).toBe('');
            expect(r.code).toBe(0);
            expect(r.stdout).toBe(canonicalJson);
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        }),
        { numRuns: 50 },
      );
    });

    it('the district as Excel\'s "Unicode Text" (UTF-16LE, tabs, CRLF) gives the same JSON', async () => {
      const d: Dialect = { ...CANONICAL, seed: 7, encoding: 'utf16le', delimiter: '\t', eol: '\r\n' };
      const dir = writeDistrict(d);
      const r = await runIn(['report', '--year', '2017', dir, '--format', 'json']);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(canonicalJson);
      rmSync(dir, { recursive: true, force: true });
    });

    const permutation = (n: number) =>
      fc.shuffledSubarray(
        Array.from({ length: n }, (_, i) => i),
        { minLength: n, maxLength: n },
      );

    it('shuffled rows (header first) give identical JSON and text reports', async () => {
      await fc.assert(
        fc.asyncProperty(permutation(DISTRICT.orgs.length), permutation(DISTRICT.members.length), async (po, pm) => {
          const shuffled = { orgs: po.map((i) => DISTRICT.orgs[i]!), members: pm.map((i) => DISTRICT.members[i]!) };
          const dir = writeDistrict(CANONICAL, shuffled);
          try {
            const j = await runIn(['report', '--year', '2017', dir, '--format', 'json']);
            const t = await runIn(['report', '--year', '2017', dir]);
            expect(j.code).toBe(0);
            expect(t.code).toBe(0);
            expect({ json: j.stdout, text: t.stdout }).toEqual({ json: canonicalJson, text: canonicalText });
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        }),
        { numRuns: 25 },
      );
    });
  });
});
