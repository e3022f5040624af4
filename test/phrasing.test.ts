// Phrasing defects of issue 12, each on a small folder: the bad phrase is gone and the good one is there, in the
// text and md reports (the built-in templates, rendered from the model as the CLI does).
import { describe, expect, it } from 'vitest';
import { readTemplates, TEMPLATES_DIR } from '../src/io/read-templates.js';
import type { ReportMeta } from '../src/report/metadata.js';
import { buildModel } from '../src/report/model.js';
import { render } from '../src/report/render.js';
import { checkText } from './support.js';

const ORG_HEAD = 'id,name,kind,parent_id,year,rating';
const MEMBER_HEAD = 'id,name,org_id,year,rating,reason';

/** A district of 2017: two committees with cells and one base cell, every unit rated, no one weak unless changed. */
function district(year = 2017, rows: Partial<Record<string, string>> = {}): string {
  const base: Record<string, string> = {
    DB1: `DB1,Đảng bộ xã An Hòa,dang_bo_co_so,,${year},TSVM`,
    DB2: `DB2,Đảng bộ xã Bình Minh,dang_bo_co_so,,${year},HTNV`,
    CB1: `CB1,Chi bộ Trường THPT,chi_bo_co_so,,${year},HTTNV`,
    C1: `C1,Chi bộ thôn 1,chi_bo_truc_thuoc,DB1,${year},TSVM`,
    C2: `C2,Chi bộ thôn 2,chi_bo_truc_thuoc,DB1,${year},HTTNV`,
    C3: `C3,Chi bộ thôn 3,chi_bo_truc_thuoc,DB2,${year},HTNV`,
  };
  for (const [id, row] of Object.entries(rows)) base[id] = row!;
  return `${[ORG_HEAD, ...Object.values(base).filter((r) => r !== '')].join('\n')}\n`;
}

/** Members: `[rating, reason]` pairs, spread over the cells C1 and CB1. */
function members(year: number, list: [string, string][]): string {
  return `${[MEMBER_HEAD, ...list.map(([rating, reason], i) => `DV${year}-${i},Đảng viên ${i},${i % 2 ? 'C1' : 'CB1'},${year},${rating},${reason}`)].join('\n')}\n`;
}

const RATED_2017: [string, string][] = [
  ['HTXSNV', ''],
  ['HTTNV', ''],
  ['HTTNV', ''],
  ['HTNV', ''],
];

interface Case {
  name: string;
  orgs: string;
  members: string;
  year?: number;
  meta?: ReportMeta;
  /** Compare with this year (its rows are in the same CSV text). */
  compare?: number;
  bad: (string | RegExp)[];
  good: string[];
  /** md only (the text's are `bad` and `good`), when md says it in a table or a list. */
  mdBad?: (string | RegExp)[];
  mdGood?: string[];
}

async function reports(c: Case): Promise<{ text: string; md: string }> {
  const year = c.year ?? 2017;
  const now = await checkText(c.orgs, c.members, year);
  expect(now.problems).toEqual([]);
  let before;
  if (c.compare !== undefined) {
    const b = await checkText(c.orgs, c.members, c.compare);
    expect(b.problems).toEqual([]);
    before = b.figures;
  }
  const model = buildModel(now.figures!, c.meta ?? { unit: 'huyện Thử Nghiệm' }, before);
  return {
    text: render(await readTemplates(`${TEMPLATES_DIR}text/report.hbs`, false), model),
    md: render(await readTemplates(`${TEMPLATES_DIR}md/report.hbs`, false), model),
  };
}

const both = (a: string, b: string) => a + b.split('\n').slice(1).join('\n');

/** A change clause whose subject is a rating's name: "trong sạch vững mạnh tăng 3 tổ chức". */
const RATING_AS_SUBJECT = /(^|[,;] )(trong sạch vững mạnh|hoàn thành[^,;]*nhiệm vụ|không hoàn thành nhiệm vụ|yếu kém) (tăng|giảm|từ) /m;

const CASES: Case[] = [
  {
    name: 'a weak cell whose name already says its committee: the committee not said twice',
    orgs: district(2017, { C3: 'C3,Chi bộ thôn 3 (Đảng bộ xã Bình Minh),chi_bo_truc_thuoc,DB2,2017,YEU', C2: 'C2,Chi bộ thôn 2,chi_bo_truc_thuoc,DB1,2017,YEU' }),
    members: members(2017, RATED_2017),
    bad: ['(Đảng bộ xã Bình Minh) (Đảng bộ xã Bình Minh)'],
    good: ['Chi bộ thôn 2 (Đảng bộ xã An Hòa)', 'Chi bộ thôn 3 (Đảng bộ xã Bình Minh)'],
    mdGood: ['Chi bộ thôn 3 (Đảng bộ xã Bình Minh)'],
  },
  {
    name: '1. one base organization reporting on itself, not yet rated',
    orgs: district(2017, { DB1: 'DB1,Đảng bộ xã An Hòa,dang_bo_co_so,,2017,', DB2: '', CB1: '', C3: '' }),
    members: members(2017, RATED_2017).replaceAll(',CB1,', ',C2,'),
    meta: { unit: 'Đảng bộ xã An Hòa' },
    bad: ['được xếp loại chưa xếp loại', 'được xếp loại không xếp loại'],
    good: ['Đảng bộ xã An Hòa chưa được đánh giá, xếp loại.'],
  },
  {
    name: '2. a 2017 report with HTNV_HC = 0: no phantom category; the lowest is still said',
    orgs: district(),
    members: members(2017, RATED_2017),
    bad: ['đủ tư cách hoàn thành nhiệm vụ nhưng có hạn chế', /\| Đủ tư cách hoàn thành nhiệm vụ nhưng có hạn chế \| 0 \|/],
    good: ['không có đảng viên nào không hoàn thành nhiệm vụ'],
    mdGood: ['| Không hoàn thành nhiệm vụ | 0 | 0% |'],
  },
  {
    name: '3a. a decision is announced, not carried out; the issuer attaches to the document',
    orgs: district(),
    members: members(2017, RATED_2017),
    meta: {
      unit: 'thị xã Cửa Lò',
      issuer: 'Ban Thường vụ Thị ủy',
      documents: [{ title: 'Quyết định', number: '433-QĐ/TU', date: '2018-01-15', about: 'việc xếp loại tổ chức cơ sở đảng năm 2017' }],
    },
    bad: ['Thực hiện Quyết định', 'các cấp ủy đã triển khai', 'năm 2017 của Ban Thường vụ Thị ủy'],
    good: ['Ban Thường vụ Thị ủy đã ban hành Quyết định số 433-QĐ/TU ngày 15/01/2018 về việc xếp loại tổ chức cơ sở đảng năm 2017.'],
  },
  {
    name: '3b. a plan is carried out',
    orgs: district(),
    members: members(2017, RATED_2017),
    meta: {
      unit: 'huyện Thử Nghiệm',
      issuer: 'Ban Thường vụ Huyện ủy',
      documents: [{ title: 'Kế hoạch', number: '12-KH/HU', date: '2017-10-01', about: 'kiểm điểm cuối năm 2017' }],
    },
    bad: ['năm 2017 của Ban Thường vụ Huyện ủy'],
    good: [
      'Ban Thường vụ Huyện ủy đã ban hành Kế hoạch số 12-KH/HU ngày 01/10/2017 về kiểm điểm cuối năm 2017; trên cơ sở đó, các cấp ủy đã tổ chức kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm 2017 tại 3 tổ chức cơ sở đảng trực thuộc Đảng bộ huyện Thử Nghiệm.',
    ],
  },
  {
    name: '4. a province: its base organizations are within the whole provincial committee',
    orgs: district(),
    members: members(2017, RATED_2017),
    meta: { unit: 'tỉnh Nghệ An', issuer: 'Ban Thường vụ Tỉnh ủy', documents: [{ title: 'Kế hoạch', number: '95-KH/TU' }] },
    bad: ['trực thuộc Đảng bộ tỉnh'],
    good: ['tại 3 tổ chức cơ sở đảng trong toàn Đảng bộ tỉnh Nghệ An.'],
  },
  {
    name: '5. blank reasons',
    orgs: district(),
    members: members(2017, [...RATED_2017, ['PENDING', ''], ['PENDING', ''], ['PENDING', '']]),
    bad: ['không ghi lý do', 'do: không', /chưa xếp loại do: .*\(3\)/],
    good: ['3 đảng viên chưa xếp loại, chưa ghi lý do.'],
  },
  {
    name: '5b. blank reasons among given ones',
    orgs: district(),
    members: members(2017, [...RATED_2017, ['PENDING', 'Ốm đau'], ['PENDING', 'Ốm đau'], ['PENDING', 'Đi làm ăn xa'], ['PENDING', '']]),
    bad: ['không ghi lý do'],
    good: ['4 đảng viên chưa xếp loại do: ốm đau (2) và đi làm ăn xa (1); 1 trường hợp chưa ghi lý do.'],
    mdGood: ['- chưa ghi lý do: 1'],
  },
  {
    name: '6. units not rated: how many of how many, never "100%" then a contradiction',
    orgs: district(2017, { CB1: 'CB1,Chi bộ Trường THPT,chi_bo_co_so,,2017,UNRANKED', C3: 'C3,Chi bộ thôn 3,chi_bo_truc_thuoc,DB2,2017,Không xếp loại' }),
    members: members(2017, RATED_2017).replaceAll(',CB1,', ',C2,'),
    bad: ['100%'],
    good: ['Đến nay, 2/3 tổ chức cơ sở đảng đã được đánh giá, xếp loại, 1 tổ chức không thuộc diện xếp loại; 2/3 chi bộ trực thuộc đã được đánh giá, xếp loại, 1 chi bộ không thuộc diện xếp loại.'],
  },
  {
    name: '7. no member rated yet: zero is not written out',
    orgs: district(),
    members: members(2017, [['PENDING', 'Chưa họp'], ['PENDING', 'Chưa họp']]),
    bad: ['0 đảng viên', /trong đó 0/],
    good: ['chưa có đảng viên nào được đánh giá, xếp loại'],
  },
  {
    name: '8. a list of one reason',
    orgs: district(),
    members: members(2017, [...RATED_2017, ['UNRANKED', 'Miễn đánh giá'], ['UNRANKED', 'Miễn đánh giá'], ['PENDING', 'Đi làm ăn xa']]),
    bad: ['gồm: miễn đánh giá', 'do: đi làm ăn xa', '- miễn đánh giá: 2', '- đi làm ăn xa: 1'],
    good: ['2 đảng viên được miễn đánh giá.', '1 đảng viên chưa xếp loại do đi làm ăn xa.'],
  },
  {
    name: '9. a change has the number of units as its subject, the total its unit',
    orgs:
      district(2016, { DB1: 'DB1,Đảng bộ xã An Hòa,dang_bo_co_so,,2016,HTNV' }) +
      district(2017, { DB2: 'DB2,Đảng bộ xã Bình Minh,dang_bo_co_so,,2017,TSVM' }).split('\n').slice(1).join('\n'),
    members: both(members(2016, RATED_2017.slice(0, 3)), members(2017, RATED_2017)),
    compare: 2016,
    bad: [RATING_AS_SUBJECT, /tổng số đảng viên tăng 1[;.]/],
    good: ['tổng số đảng viên tăng 1 đảng viên', 'số tổ chức đạt trong sạch vững mạnh tăng 2 (tỷ lệ tăng 66,67 điểm phần trăm)', 'số tổ chức hoàn thành nhiệm vụ giảm 2'],
    mdBad: [RATING_AS_SUBJECT],
    mdGood: ['| Trong sạch vững mạnh | 2 | 66,67% | tăng 2, tăng 66,67 điểm % |'],
  },
  {
    name: '10. "none" said once',
    orgs: district(),
    members: members(2017, RATED_2017),
    bad: ['Không có tổ chức cơ sở đảng hay chi bộ nào'],
    good: ['không có tổ chức nào xếp loại yếu kém.', 'không có chi bộ nào xếp loại yếu kém.'],
    mdBad: ['không có tổ chức nào xếp loại yếu kém'],
    mdGood: ['Không có tổ chức cơ sở đảng hay chi bộ nào xếp loại yếu kém.'],
  },
  {
    name: '11. each rating with its verb',
    orgs: district(),
    members: members(2017, RATED_2017),
    bad: [/\d tổ chức trong sạch vững mạnh/, /\d chi bộ trong sạch vững mạnh/, 'có 1 tổ chức'],
    good: ['Về xếp loại tổ chức cơ sở đảng: 3/3 tổ chức được đánh giá, xếp loại; 1 tổ chức đạt trong sạch vững mạnh, chiếm 33,33%; 1 tổ chức hoàn thành tốt nhiệm vụ (33,33%) và 1 tổ chức hoàn thành nhiệm vụ (33,33%); không có tổ chức nào xếp loại yếu kém.'],
    mdGood: ['| Trong sạch vững mạnh | 1 | 33,33% |'],
  },
  {
    name: '12. weak cells grouped by their committee (no level above base organizations in the data)',
    orgs: district(2017, { C2: 'C2,Chi bộ thôn 2,chi_bo_truc_thuoc,DB1,2017,YEU', C3: 'C3,Chi bộ thôn 3,chi_bo_truc_thuoc,DB2,2017,YEU' }),
    members: members(2017, RATED_2017),
    bad: ['Đảng bộ xã An Hòa có 1 chi bộ'],
    good: ['Có 2 chi bộ trực thuộc xếp loại yếu kém ở 2 đảng bộ cơ sở: Chi bộ thôn 2 (Đảng bộ xã An Hòa); Chi bộ thôn 3 (Đảng bộ xã Bình Minh).'],
    mdGood: ['- Đảng bộ xã An Hòa: Chi bộ thôn 2 (chi bộ trực thuộc)\n- Đảng bộ xã Bình Minh: Chi bộ thôn 3 (chi bộ trực thuộc)'],
  },
  {
    name: '13. the md weak list says which unit is weak: the committee itself, or cells under it',
    orgs: district(2017, { DB2: 'DB2,Đảng bộ xã Bình Minh,dang_bo_co_so,,2017,YEU', C3: 'C3,Chi bộ thôn 3,chi_bo_truc_thuoc,DB2,2017,YEU', C2: 'C2,Chi bộ thôn 2,chi_bo_truc_thuoc,DB1,2017,YEU' }),
    members: members(2017, RATED_2017),
    bad: ['Bình Minh (yếu kém), với'],
    good: ['Có 1 tổ chức cơ sở đảng xếp loại yếu kém: Đảng bộ xã Bình Minh.'],
    mdBad: ['- **Đảng bộ xã An Hòa**: Chi bộ thôn 2', /- \*\*Đảng bộ xã Bình Minh\*\* \(yếu kém\), với/],
    mdGood: [
      '### Tổ chức cơ sở đảng xếp loại yếu kém\n\n- Đảng bộ xã Bình Minh (đảng bộ cơ sở)',
      '### Chi bộ trực thuộc xếp loại yếu kém\n\n- Đảng bộ xã An Hòa: Chi bộ thôn 2 (chi bộ trực thuộc)\n- Đảng bộ xã Bình Minh (đảng bộ cũng xếp loại yếu kém): Chi bộ thôn 3 (chi bộ trực thuộc)',
    ],
  },
  {
    name: 'figures: coverage x/y (z%) of members when not everyone was rated; x/y of base organizations',
    orgs: district(),
    members: members(2017, [...RATED_2017, ['UNRANKED', 'Miễn sinh hoạt'], ['PENDING', 'Ốm đau']]),
    bad: [/trong đó 4 đảng viên/],
    good: ['Về đánh giá, xếp loại đảng viên: 4/6 đảng viên (66,67%) đã được đánh giá, xếp loại, 1 đảng viên không xếp loại và 1 đảng viên chưa xếp loại.', 'Về xếp loại tổ chức cơ sở đảng: 3/3 tổ chức được đánh giá, xếp loại;'],
    mdGood: ['4/6 đảng viên (66,67%) đã được đánh giá, xếp loại.', '| Hoàn thành xuất sắc nhiệm vụ | 1 | 25% | 16,67% |', '| Không xếp loại | 1 |  | 16,67% |', '| **Tổng số** | **6** | tỷ lệ trên 4 được xếp loại (66,67% tổng số) |  |'],
  },
  {
    name: 'figures: no share of the total where every unit was rated',
    orgs: district(),
    members: members(2017, RATED_2017),
    bad: ['tổng số)', /\d+\/\d+ đảng viên/],
    good: ['tổng số đảng viên là 4, tất cả đều đã được đánh giá, xếp loại.'],
    mdBad: ['Tỷ lệ trên tổng số', /\d+\/\d+ đảng viên/],
    mdGood: ['| Xếp loại | Số đảng viên | Tỷ lệ |\n'],
  },
  {
    name: 'figures: members "hoàn thành tốt nhiệm vụ trở lên", its best "trong đó"',
    orgs: district(),
    members: members(2017, RATED_2017),
    bad: [],
    good: ['Kết quả: có 3 đảng viên hoàn thành tốt nhiệm vụ trở lên (75%), trong đó 1 đảng viên hoàn thành xuất sắc nhiệm vụ (25%) và 2 đảng viên hoàn thành tốt nhiệm vụ (50%); 1 đảng viên hoàn thành nhiệm vụ (25%); không có đảng viên nào không hoàn thành nhiệm vụ.'],
    mdGood: ['| Hoàn thành tốt nhiệm vụ trở lên | 3 | 75% |'],
  },
  {
    name: 'figures: no cumulative when it would only repeat one rating',
    orgs: district(),
    members: members(2017, [['HTTNV', ''], ['HTNV', '']]),
    bad: ['trở lên'],
    good: ['Kết quả: 1 đảng viên hoàn thành tốt nhiệm vụ, chiếm 50%'],
    mdGood: ['| Xếp loại | Số đảng viên | Tỷ lệ |\n| --- | ---: | ---: |\n| Hoàn thành xuất sắc nhiệm vụ | 0 | 0% |\n| Hoàn thành tốt nhiệm vụ | 1 | 50% |\n| Hoàn thành nhiệm vụ | 1 | 50% |\n| Không hoàn thành nhiệm vụ | 0 | 0% |\n| **Tổng số** | **2** |  |\n\n'],
  },
  {
    name: 'figures: organizations before 2019 without the cumulative; from 2019 with it',
    orgs:
      district(2017) +
      district(2019, { DB1: 'DB1,Đảng bộ xã An Hòa,dang_bo_co_so,,2019,HTXSNV', DB2: 'DB2,Đảng bộ xã Bình Minh,dang_bo_co_so,,2019,HTXSNV', CB1: 'CB1,Chi bộ Trường THPT,chi_bo_co_so,,2019,HTTNV', C1: 'C1,Chi bộ thôn 1,chi_bo_truc_thuoc,DB1,2019,HTXSNV', C2: 'C2,Chi bộ thôn 2,chi_bo_truc_thuoc,DB1,2019,HTTNV', C3: 'C3,Chi bộ thôn 3,chi_bo_truc_thuoc,DB2,2019,HTNV' })
        .split('\n')
        .slice(1)
        .join('\n'),
    members: both(members(2017, RATED_2017), members(2019, [['HTXSNV', ''], ['HTTNV', ''], ['HTTNV', ''], ['HTNV', '']])),
    year: 2019,
    bad: [],
    good: [
      'Về xếp loại tổ chức cơ sở đảng: 3/3 tổ chức được đánh giá, xếp loại; có 3 tổ chức hoàn thành tốt nhiệm vụ trở lên (100%), trong đó 2 tổ chức hoàn thành xuất sắc nhiệm vụ, chiếm 66,67% (đều là đảng bộ cơ sở) và 1 tổ chức hoàn thành tốt nhiệm vụ (33,33%)',
      'kết quả: có 2 chi bộ hoàn thành tốt nhiệm vụ trở lên (66,67%), trong đó 1 chi bộ hoàn thành xuất sắc nhiệm vụ (33,33%) và 1 chi bộ hoàn thành tốt nhiệm vụ (33,33%); 1 chi bộ hoàn thành nhiệm vụ (33,33%)',
    ],
    mdGood: ['| Hoàn thành tốt nhiệm vụ trở lên | 3 | 100% |  |  |', '| Hoàn thành tốt nhiệm vụ trở lên | 2 | 66,67% |'],
  },
  {
    name: 'figures: base organizations by kind, when both kinds exist and two or more share a rating',
    orgs: district(2017, { CB2: 'CB2,Chi bộ Trạm Y tế,chi_bo_co_so,,2017,TSVM' }),
    members: members(2017, RATED_2017),
    bad: [/\(1 đảng bộ, 0 chi bộ/, /\(0 đảng bộ/],
    good: ['2 tổ chức đạt trong sạch vững mạnh, chiếm 50% (1 đảng bộ, 1 chi bộ cơ sở); 1 tổ chức hoàn thành tốt nhiệm vụ (25%)'],
    mdGood: ['| Xếp loại | Số tổ chức | Tỷ lệ | Đảng bộ cơ sở | Chi bộ cơ sở |', '| Trong sạch vững mạnh | 2 | 50% | 1 | 1 |', '| **Tổng số** | **4** |  | 2 | 2 |'],
  },
  {
    name: 'figures: no split by kind when the base organizations are all of one kind',
    orgs: district(2017, { DB1: '', DB2: '', C1: '', C2: '', C3: '', CB2: 'CB2,Chi bộ Trạm Y tế,chi_bo_co_so,,2017,HTTNV' }),
    members: members(2017, RATED_2017).replaceAll(',C1,', ',CB2,'),
    bad: [/chiếm [\d,]+% \(/, 'đảng bộ,'],
    good: ['Về xếp loại tổ chức cơ sở đảng: 2/2 tổ chức được đánh giá, xếp loại; 2 tổ chức hoàn thành tốt nhiệm vụ, chiếm 100%'],
    mdBad: ['| Đảng bộ cơ sở |'],
    mdGood: ['| Hoàn thành tốt nhiệm vụ | 2 | 100% |'],
  },
];

const has = (s: string, p: string | RegExp) => (typeof p === 'string' ? s.includes(p) : p.test(s));

describe('phrasing (issue 12)', () => {
  it.each(CASES)('$name', async (c) => {
    const { text, md } = await reports(c);
    for (const p of c.bad) expect(has(text, p), `text has ${String(p)}:\n${text}`).toBe(false);
    for (const p of c.good) expect(text, 'text').toContain(p);
    for (const p of c.mdBad ?? c.bad) expect(has(md, p), `md has ${String(p)}:\n${md}`).toBe(false);
    for (const p of c.mdGood ?? c.good) expect(md, 'md').toContain(p);
    for (const s of [text, md]) expect(s).not.toMatch(/undefined|null|NaN|\{\{| ,|,,|\.\.|;\./);
  });
});
