// The model and the default text template on small tables: the report must read naturally when
// report.json is absent, a block is empty, a rating has 0, nobody is pending.
import { describe, expect, it } from 'vitest';
import { readTemplates, TEMPLATES_DIR } from '../src/io/read-templates.js';
import { jsonReport } from '../src/report/json-report.js';
import { jsonChunks } from '../src/report/json-stream.js';
import { buildModel, shortUnit } from '../src/report/model.js';
import type { ReportMeta } from '../src/report/metadata.js';
import { render } from '../src/report/render.js';
import { checkText, SMALL } from './support.js';

async function report(organizations: string, members: string, year: number, meta: ReportMeta = {}): Promise<string> {
  const { problems, figures } = await checkText(organizations, members, year);
  expect(problems).toEqual([]);
  return render(await readTemplates(`${TEMPLATES_DIR}text/report.hbs`, false), buildModel(figures!, meta));
}

describe('default text report', () => {
  it('reads naturally without report.json', async () => {
    const text = await report(SMALL.organizations, SMALL.members, 2017);
    expect(text.split('\n')[0]).toBe('Kết quả đánh giá, xếp loại chất lượng tổ chức cơ sở đảng và đảng viên năm 2017');
    expect(text).toContain('Năm 2017, toàn đảng bộ có 3 tổ chức cơ sở đảng (2 đảng bộ cơ sở và 1 chi bộ cơ sở), 3 chi bộ trực thuộc đảng ủy cơ sở và 8 đảng viên.');
    expect(text).not.toMatch(/undefined|null|NaN|\{\{/);
    expect(text).not.toContain('đã ban hành'); // no documents: no lead about them
  });

  it('gives every count and share of the rated units', async () => {
    const text = await report(SMALL.organizations, SMALL.members, 2017, { unit: 'huyện Thử Nghiệm' });
    expect(text).toContain('Thử Nghiệm: Kết quả');
    expect(text).toContain('toàn huyện Thử Nghiệm có');
    expect(text).toContain('1 tổ chức đạt trong sạch vững mạnh, chiếm 33,33%');
    expect(text).toContain('1 chi bộ hoàn thành tốt nhiệm vụ (33,33%)');
    // 8 members, 1 unranked, 1 pending: shares of the 6 rated
    expect(text).toContain('6/8 đảng viên (75%) đã được đánh giá, xếp loại, 1 đảng viên không xếp loại và 1 đảng viên chưa xếp loại.');
    expect(text).toContain('có 3 đảng viên hoàn thành tốt nhiệm vụ trở lên (50%), trong đó 1 đảng viên hoàn thành xuất sắc nhiệm vụ (16,67%) và 2 đảng viên hoàn thành tốt nhiệm vụ (33,33%)');
    expect(text).toContain('1 đảng viên được miễn sinh hoạt.');
    expect(text).toContain('1 đảng viên chưa xếp loại do đi làm ăn xa.');
  });

  it('says "không có … nào" for a rating with no unit', async () => {
    const text = await report(SMALL.organizations, SMALL.members, 2017);
    expect(text).toContain('không có tổ chức nào xếp loại hoàn thành tốt nhiệm vụ');
    expect(text).toContain('không có chi bộ nào xếp loại hoàn thành nhiệm vụ');
  });

  it('leaves out the cells paragraph when there are no cells under committees', async () => {
    const o = ['id,name,kind,year,rating', 'CB1,Chi bộ A,chi_bo_co_so,2017,HTTNV', 'CB2,Chi bộ B,chi_bo_co_so,2017,HTNV', ''].join('\n');
    const m = ['id,org_id,year,rating', 'DV1,CB1,2017,HTTNV', 'DV2,CB2,2017,HTNV', ''].join('\n');
    const text = await report(o, m, 2017);
    expect(text).not.toContain('chi bộ trực thuộc');
    expect(text).toContain('2 tổ chức cơ sở đảng (đều là chi bộ cơ sở)');
    expect(text).toContain('tất cả đều đã được đánh giá, xếp loại');
    expect(text).not.toContain('không xếp loại gồm');
  });

  it('says which organizations are still to be rated', async () => {
    const o = SMALL.organizations.replace('DB2-C1,Chi bộ thôn 3,chi_bo_truc_thuoc,DB2,2017,YEU', 'DB2-C1,Chi bộ thôn 3,chi_bo_truc_thuoc,DB2,2017,');
    const text = await report(o, SMALL.members, 2017);
    expect(text).toContain('Đến nay, cả 3 tổ chức cơ sở đảng đã được đánh giá, xếp loại; 2/3 chi bộ trực thuộc đã được đánh giá, xếp loại, còn 1 chi bộ chưa được đánh giá, xếp loại.');
    expect(text).toContain('trong đó 2 chi bộ được xếp loại (1 chi bộ chưa xếp loại)');
  });

  it('uses the newer scheme from 2018', async () => {
    const to2019 = (csv: string) => csv.replaceAll(',2017,', ',2019,').replace(/,YEU$/gm, ',KHTNV').replace(/,TSVM$/gm, ',HTXSNV').replace('HTNV_HC', 'HTNV');
    const text = await report(to2019(SMALL.organizations), to2019(SMALL.members), 2019);
    expect(text).toContain('1 tổ chức hoàn thành xuất sắc nhiệm vụ');
    expect(text).not.toMatch(/trong sạch vững mạnh|yếu kém|có hạn chế/);
  });

  it('tells the organizing documents and working groups when report.json gives them', async () => {
    const text = await report(SMALL.organizations, SMALL.members, 2017, {
      unit: 'huyện Thử Nghiệm',
      issuer: 'Ban Thường vụ Huyện ủy',
      documents: [{ title: 'Kế hoạch', number: '12-KH/HU', date: '2017-10-01', about: 'kiểm điểm cuối năm' }],
      workingGroups: { count: 4, ledBy: 'các đồng chí Ủy viên Ban Thường vụ' },
      sections: [{ heading: 'Hạn chế', text: 'Một đoạn tường thuật.' }],
      byline: 'Phóng viên',
    });
    expect(text).toContain('Ban Thường vụ Huyện ủy đã ban hành Kế hoạch số 12-KH/HU ngày 01/10/2017 về kiểm điểm cuối năm; 4 tổ công tác do các đồng chí Ủy viên Ban Thường vụ làm tổ trưởng');
    expect(text).toContain('tại 3 tổ chức cơ sở đảng trực thuộc Đảng bộ huyện Thử Nghiệm.');
    expect(text.trimEnd().endsWith('Một đoạn tường thuật.\n\nPhóng viên')).toBe(true);
  });

  it('is tidy: LF only, no trailing spaces, no double blank lines, one final newline', async () => {
    const text = await report(SMALL.organizations, SMALL.members, 2017);
    expect(text).not.toMatch(/\r|[ \t]$|\n\n\n/m);
    expect(text.endsWith('\n') && !text.endsWith('\n\n')).toBe(true);
  });
});

describe('JSON figures', () => {
  it('hold the contract fields, every code of the scheme, and rated/shares', async () => {
    const { figures } = await checkText(SMALL.organizations, SMALL.members, 2017);
    const j = JSON.parse([...jsonChunks(jsonReport(figures!, { unit: 'huyện X' }))].join('')) as Record<string, Record<string, unknown>>;
    expect(Object.keys(j).slice(0, 4)).toEqual(['year', 'baseOrganizations', 'cells', 'members']);
    expect(j.baseOrganizations).toMatchObject({ total: 3, committees: 2, byKind: { dang_bo_co_so: 2, chi_bo_co_so: 1 }, rated: 3, byRating: { TSVM: 1, HTTNV: 0, HTNV: 1, YEU: 1, UNRANKED: 0, PENDING: 0 } });
    expect(j.members).toMatchObject({ total: 8, rated: 6, shares: { HTXSNV: 16.67 } });
  });
});

describe('shortUnit', () => {
  it.each([
    ['huyện Bắc Bình', 'Bắc Bình'],
    ['thị xã Sơn Hà', 'Sơn Hà'],
    ['tỉnh Bình Thuận', 'Bình Thuận'],
    ['Đảng bộ Khối cơ quan', 'Đảng bộ Khối cơ quan'],
  ])('%s → %s', (unit, want) => expect(shortUnit(unit)).toBe(want));
});
