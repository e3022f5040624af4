// The comparison with the year before (src/report/model.ts, templates/shared/change*.hbs): when a year still has
// units to rate in a block, or a rating's count and share move opposite ways, the change is given from → to
// with the base of the shares, never as "giảm 2 tổ chức (tăng 16,67 điểm phần trăm)".
import { describe, expect, it } from 'vitest';
import type { Figures } from '../src/figures/aggregate.js';
import { readTemplates, TEMPLATES_DIR } from '../src/io/read-templates.js';
import type { BlockModel } from '../src/report/blocks.js';
import { buildModel } from '../src/report/model.js';
import { render } from '../src/report/render.js';
import type { RatingCode } from '../src/schemes.js';
import { runCli } from './in-process.js';
import { checkText, dataDir } from './support.js';

type Counts = Partial<Record<RatingCode, number>>;
interface Year {
  orgs: Counts;
  members?: Counts;
}

/** Both files for several years: per year, chi bộ cơ sở with the ratings counted (PENDING left blank), members all in the first. */
function csv(years: Record<number, Year>): { organizations: string; members: string } {
  const orgs = ['id,name,kind,year,rating'];
  const members = ['id,org_id,year,rating,reason'];
  const cell = (code: RatingCode) => (code === 'PENDING' ? '' : code);
  for (const [year, y] of Object.entries(years)) {
    let i = 0;
    for (const [code, n] of Object.entries(y.orgs) as [RatingCode, number][]) {
      for (let k = 0; k < n; k++, i++) orgs.push(`CB${i},Chi bộ số ${i},chi_bo_co_so,${year},${cell(code)}`);
    }
    let j = 0;
    for (const [code, n] of Object.entries(y.members ?? {}) as [RatingCode, number][]) {
      for (let k = 0; k < n; k++, j++) members.push(`DV${j},CB0,${year},${cell(code)},${code === 'PENDING' ? 'Ốm đau' : ''}`);
    }
  }
  return { organizations: `${orgs.join('\n')}\n`, members: `${members.join('\n')}\n` };
}

async function figures(files: { organizations: string; members: string }, year: number): Promise<Figures> {
  const { problems, figures: f } = await checkText(files.organizations, files.members, year);
  expect(problems).toEqual([]);
  return f!;
}

/** The model of 2026 against 2025 (or alone when 2025 is not given). */
async function model(now: Year, before?: Year) {
  const files = csv(before ? { 2025: before, 2026: now } : { 2026: now });
  return buildModel(await figures(files, 2026), { unit: 'huyện Thử Nghiệm' }, before ? await figures(files, 2025) : undefined);
}

/** "giảm 2 (tỷ lệ tăng 16,67 điểm phần trăm)": what must never be printed. */
const APART = /tăng [\d.]+ ((tổ chức|chi bộ|đảng viên) )?\((tỷ lệ )?giảm|giảm [\d.]+ ((tổ chức|chi bộ|đảng viên) )?\((tỷ lệ )?tăng/;

const line = (b: BlockModel, code: RatingCode) => b.ratings.find((r) => r.code === code)!;

// 2025: 30 organizations, all rated. 2026: 31, of which 12 still PENDING: HTTNV falls from 14 to 12, its share
// of the rated rises from 46,67% to 63,16%.
const Y2025: Year = { orgs: { HTXSNV: 4, HTTNV: 14, HTNV: 10, KHTNV: 2 } };
const Y2026_HALF: Year = { orgs: { HTXSNV: 3, HTTNV: 12, HTNV: 4, PENDING: 12 } };

describe('the model: pending units and opposite moves against the compared year', () => {
  it.each([
    {
      name: 'same direction, nobody pending: worded as before (tăng/giảm, điểm phần trăm)',
      before: { orgs: { HTTNV: 10, HTNV: 10 } },
      now: { orgs: { HTTNV: 12, HTNV: 8 } },
      expected: { fromTo: false, pending: 0, pendingBefore: 0, ratedBefore: 20, HTTNV: { count: ['tăng', 'lên', 2], points: ['tăng', '10'], before: { count: 10, share: 50 }, opposite: false } },
    },
    {
      name: 'the year reported still rating (December): from → to',
      before: Y2025,
      now: Y2026_HALF,
      expected: { fromTo: true, pending: 12, pendingBefore: 0, ratedBefore: 30, HTTNV: { count: ['giảm', 'xuống', 2], points: ['tăng', '16,49'], before: { count: 14, share: 46.67 }, opposite: true } },
    },
    {
      name: 'pending in the compared year only: from → to',
      before: { orgs: { HTTNV: 10, HTNV: 5, PENDING: 5 } },
      now: { orgs: { HTTNV: 12, HTNV: 8 } },
      expected: { fromTo: true, pending: 0, pendingBefore: 5, ratedBefore: 15, HTTNV: { count: ['tăng', 'lên', 2], points: ['giảm', '6,67'], before: { count: 10, share: 66.67 }, opposite: true } },
    },
    {
      name: 'nobody pending, many unranked: count down, share up, so from → to',
      before: { orgs: { HTTNV: 14, HTNV: 14 } },
      now: { orgs: { HTTNV: 12, HTNV: 8, UNRANKED: 8 } },
      expected: { fromTo: true, pending: 0, pendingBefore: 0, ratedBefore: 28, HTTNV: { count: ['giảm', 'xuống', 2], points: ['tăng', '10'], before: { count: 14, share: 50 }, opposite: true } },
    },
    {
      name: 'a count unchanged while its share moves is not a contradiction',
      before: { orgs: { HTTNV: 5, HTNV: 5 } },
      now: { orgs: { HTTNV: 5, HTNV: 6 } },
      expected: { fromTo: false, pending: 0, pendingBefore: 0, ratedBefore: 10, HTTNV: { count: ['không đổi', 'không đổi', 0], points: ['giảm', '4,55'], before: { count: 5, share: 50 }, opposite: false } },
    },
  ])('$name', async ({ before, now, expected }) => {
    const b = (await model(now, before)).baseOrganizations;
    expect({ fromTo: b.fromTo, pending: b.pending, pendingBefore: b.pendingBefore, ratedBefore: b.ratedBefore }).toEqual({
      fromTo: expected.fromTo,
      pending: expected.pending,
      pendingBefore: expected.pendingBefore,
      ratedBefore: expected.ratedBefore,
    });
    const c = line(b, 'HTTNV').change!;
    expect({ count: [c.count.word, c.count.to, c.count.amount], points: [c.points.word, c.points.text], before: c.before, opposite: c.opposite }).toEqual(expected.HTTNV);
  });

  it('nothing rated yet in the year reported: no shares to compare, only the total', async () => {
    const b = (await model({ orgs: { PENDING: 30 } }, Y2025)).baseOrganizations;
    expect(b.fromTo).toBe(true);
    expect(b.ratings.map((r) => r.change)).toEqual([null, null, null, null]);
    expect(b.compared).toEqual([]);
    expect(b.totalChange).toEqual({ word: 'không đổi', to: 'không đổi', amount: 0 });
  });

  it('without a compared year: no change, nothing to word from → to', async () => {
    const b = (await model(Y2026_HALF)).baseOrganizations;
    expect({ fromTo: b.fromTo, pendingBefore: b.pendingBefore, ratedBefore: b.ratedBefore, totalChange: b.totalChange }).toEqual({ fromTo: false, pendingBefore: 0, ratedBefore: 0, totalChange: null });
    expect(b.ratings.every((r) => r.change === null)).toBe(true);
  });
});

async function rendered(format: 'text' | 'md' | 'html', now: Year, before: Year): Promise<string> {
  return render(await readTemplates(`${TEMPLATES_DIR}${format}/report.hbs`, format === 'html'), await model(now, before));
}

describe('the wording of the comparison', () => {
  it.each([
    {
      name: 'the year reported still rating',
      before: Y2025,
      now: Y2026_HALF,
      text:
        'So với năm 2025 (năm 2026 còn 12 tổ chức chưa xếp loại nên số liệu năm 2026 chưa phải là kết quả cuối cùng; tỷ lệ tính trên số tổ chức đã được xếp loại: năm 2025 là 30, năm 2026 là 19), ' +
        'tổng số tổ chức cơ sở đảng tăng 1 tổ chức; số tổ chức hoàn thành xuất sắc nhiệm vụ từ 4 (13,33%) xuống 3 (15,79%), số tổ chức hoàn thành tốt nhiệm vụ từ 14 (46,67%) xuống 12 (63,16%), ' +
        'số tổ chức hoàn thành nhiệm vụ từ 10 (33,33%) xuống 4 (21,05%), số tổ chức không hoàn thành nhiệm vụ từ 2 (6,67%) xuống không còn tổ chức nào.',
      cells: ['| Hoàn thành tốt nhiệm vụ | 12 | 63,16% | từ 14 (46,67%) xuống 12 (63,16%) |', '| Không hoàn thành nhiệm vụ | 0 | 0% | từ 2 (6,67%) xuống 0 |'],
      note: 'Ghi chú: năm 2026 còn 12 tổ chức chưa xếp loại nên số liệu năm 2026 chưa phải là kết quả cuối cùng; tỷ lệ tính trên số tổ chức đã được xếp loại: năm 2025 là 30, năm 2026 là 19.',
    },
    {
      name: 'both years with pending units; a rating nobody had the year before',
      before: { orgs: { HTTNV: 10, HTNV: 5, PENDING: 5 } },
      now: { orgs: { HTXSNV: 2, HTTNV: 10, HTNV: 6, PENDING: 2 } },
      text:
        'So với năm 2025 (năm 2025 có 5 tổ chức, năm 2026 còn 2 tổ chức chưa xếp loại nên số liệu năm 2026 chưa phải là kết quả cuối cùng; tỷ lệ tính trên số tổ chức đã được xếp loại: năm 2025 là 15, năm 2026 là 18), ' +
        'tổng số tổ chức cơ sở đảng không đổi; số tổ chức hoàn thành xuất sắc nhiệm vụ từ chỗ không có tổ chức nào lên 2 (11,11%), số tổ chức hoàn thành tốt nhiệm vụ vẫn là 10 (tỷ lệ từ 66,67% xuống 55,56%), ' +
        'số tổ chức hoàn thành nhiệm vụ từ 5 (33,33%) lên 6 (33,33%); các mức khác không đổi.',
      cells: ['| Hoàn thành xuất sắc nhiệm vụ | 2 | 11,11% | từ 0 lên 2 (11,11%) |', '| Hoàn thành tốt nhiệm vụ | 10 | 55,56% | vẫn là 10 (từ 66,67% xuống 55,56%) |', '| Không hoàn thành nhiệm vụ | 0 | 0% | không đổi |'],
      note: 'Ghi chú: năm 2025 có 5 tổ chức, năm 2026 còn 2 tổ chức chưa xếp loại nên số liệu năm 2026 chưa phải là kết quả cuối cùng; tỷ lệ tính trên số tổ chức đã được xếp loại: năm 2025 là 15, năm 2026 là 18.',
    },
    {
      name: 'pending in the compared year only',
      before: { orgs: { HTTNV: 10, HTNV: 5, PENDING: 5 } },
      now: { orgs: { HTTNV: 12, HTNV: 8 } },
      text:
        'So với năm 2025 (năm 2025 có 5 tổ chức chưa xếp loại; tỷ lệ tính trên số tổ chức đã được xếp loại: năm 2025 là 15, năm 2026 là 20), tổng số tổ chức cơ sở đảng không đổi; ' +
        'số tổ chức hoàn thành tốt nhiệm vụ từ 10 (66,67%) lên 12 (60%), số tổ chức hoàn thành nhiệm vụ từ 5 (33,33%) lên 8 (40%); các mức khác không đổi.',
      cells: ['| Hoàn thành tốt nhiệm vụ | 12 | 60% | từ 10 (66,67%) lên 12 (60%) |'],
      note: 'Ghi chú: năm 2025 có 5 tổ chức chưa xếp loại; tỷ lệ tính trên số tổ chức đã được xếp loại: năm 2025 là 15, năm 2026 là 20.',
    },
    {
      name: 'nobody pending, count and share opposite (many unranked)',
      before: { orgs: { HTTNV: 14, HTNV: 14 } },
      now: { orgs: { HTTNV: 12, HTNV: 8, UNRANKED: 8 } },
      text:
        'So với năm 2025 (tỷ lệ tính trên số tổ chức đã được xếp loại: năm 2025 là 28, năm 2026 là 20), tổng số tổ chức cơ sở đảng không đổi; ' +
        'số tổ chức hoàn thành tốt nhiệm vụ từ 14 (50%) xuống 12 (60%), số tổ chức hoàn thành nhiệm vụ từ 14 (50%) xuống 8 (40%); các mức khác không đổi.',
      cells: ['| Hoàn thành tốt nhiệm vụ | 12 | 60% | từ 14 (50%) xuống 12 (60%) |'],
      note: 'Ghi chú: tỷ lệ tính trên số tổ chức đã được xếp loại: năm 2025 là 28, năm 2026 là 20.',
    },
    {
      name: 'nobody pending, same direction: tăng/giảm and percentage points, no note',
      before: { orgs: { HTTNV: 10, HTNV: 10 } },
      now: { orgs: { HTTNV: 12, HTNV: 8 } },
      text:
        'So với năm 2025, tổng số tổ chức cơ sở đảng không đổi; số tổ chức hoàn thành tốt nhiệm vụ tăng 2 (tỷ lệ tăng 10 điểm phần trăm), số tổ chức hoàn thành nhiệm vụ giảm 2 (tỷ lệ giảm 10 điểm phần trăm); các mức khác không đổi.',
      cells: ['| Hoàn thành tốt nhiệm vụ | 12 | 60% | tăng 2, tăng 10 điểm % |', '| Không hoàn thành nhiệm vụ | 0 | 0% | không đổi |'],
      note: null,
    },
  ])('$name', async ({ before, now, text, cells, note }) => {
    const t = await rendered('text', now, before);
    expect(t).toContain(text);
    expect(t).not.toMatch(APART); // never a count and a share moving apart without the context
    const md = await rendered('md', now, before);
    for (const c of cells) expect(md).toContain(c);
    const html = await rendered('html', now, before);
    expect(html).toContain(`<td>${/\| ([^|]+) \|$/.exec(cells[0]!)![1]}</td>`);
    if (note === null) {
      expect(md).not.toContain('Ghi chú');
      expect(html).not.toContain('Ghi chú');
    } else {
      expect(md).toContain(`\n\n${note}\n\n`);
      expect(html).toContain(`<p>${note}</p>`);
    }
  });

  it('nothing rated yet: the total only, with the reason', async () => {
    const t = await rendered('text', { orgs: { PENDING: 30 } }, Y2025);
    expect(t).toContain('So với năm 2025 (năm 2026 còn 30 tổ chức chưa xếp loại nên số liệu năm 2026 chưa phải là kết quả cuối cùng), tổng số tổ chức cơ sở đảng không đổi.');
    expect(t).not.toMatch(/\(0%\)|điểm phần trăm/);
  });
});

describe('in the report of a year still being rated (the CLI, in process)', () => {
  // December 2026: 12 of 31 organizations and 3 of 10 members not yet rated; 2025 complete.
  const dir = dataDir(
    csv({
      2025: { ...Y2025, members: { HTXSNV: 2, HTTNV: 6, HTNV: 2 } },
      2026: { ...Y2026_HALF, members: { HTXSNV: 1, HTTNV: 5, HTNV: 1, PENDING: 3 } },
    }),
  );

  it('says how many are still to be rated and gives each change from → to', async () => {
    const r = await runCli(['report', '--year', '2026', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Đến nay, 19/31 tổ chức cơ sở đảng đã được đánh giá, xếp loại, còn 12 tổ chức chưa được đánh giá, xếp loại.');
    expect(r.stdout).toContain('So với năm 2025 (năm 2026 còn 12 tổ chức chưa xếp loại nên số liệu năm 2026 chưa phải là kết quả cuối cùng;');
    expect(r.stdout).toContain('hoàn thành tốt nhiệm vụ từ 14 (46,67%) xuống 12 (63,16%)');
    expect(r.stdout).toContain(
      'So với năm 2025 (năm 2026 còn 3 đảng viên chưa xếp loại nên số liệu năm 2026 chưa phải là kết quả cuối cùng; tỷ lệ tính trên số đảng viên đã được xếp loại: năm 2025 là 10, năm 2026 là 7), ' +
        'tổng số đảng viên không đổi; số đảng viên hoàn thành xuất sắc nhiệm vụ từ 2 (20%) xuống 1 (14,29%), số đảng viên hoàn thành tốt nhiệm vụ từ 6 (60%) xuống 5 (71,43%), ' +
        'số đảng viên hoàn thành nhiệm vụ từ 2 (20%) xuống 1 (14,29%); các mức khác không đổi.',
    );
    expect(r.stdout).not.toMatch(APART);
  });
});

describe('reasons in the report', () => {
  it('names the ten most frequent at most, the others together; nobody is lost', async () => {
    const { buildModel } = await import('../src/report/model.js');
    const { checkText } = await import('./support.js');
    const orgs = 'id,name,kind,parent_id,year,rating\nCB1,Chi bộ A,chi_bo_co_so,,2019,HTTNV\n';
    const members = ['id,org_id,year,rating,reason', ...Array.from({ length: 30 }, (_, i) => `DV${i},CB1,2019,UNRANKED,Lý do ${i % 15}`)].join('\n');
    const { figures } = await checkText(orgs, `${members}\n`, 2019);
    const reasons = buildModel(figures!, {}, undefined).members.reasons.UNRANKED;
    expect(reasons).toHaveLength(10);
    expect(reasons.at(-1)).toMatchObject({ text: 'các lý do khác', count: 12 });
    expect(reasons.reduce((n, r) => n + r.count, 0)).toBe(30);
    expect(figures!.members.reasons.UNRANKED).toHaveLength(15); // the JSON: every reason
  });
});
