// The optional columns through the whole command (in process): organizations' `Tiêu biểu` (exemplary) and
// members' `Ngày vào Đảng` (admitted_on), with Vietnamese headers, counted into the JSON; their problems listed.
import { describe, expect, it } from 'vitest';
import { runCli } from './in-process.js';
import { dataDir } from './support.js';

const ORGS = [
  'Mã,Tên tổ chức,Loại,Mã cấp trên,Năm,Xếp loại,Tiêu biểu',
  'DB1,Đảng bộ xã An Hòa,dang_bo_co_so,,2017,TSVM,x',
  'CB1,Chi bộ Trường THPT,chi_bo_co_so,,2017,TSVM,',
  'CB2,Chi bộ Bệnh viện,chi_bo_co_so,,2017,HTNV,Không',
  'DB1-C1,Chi bộ thôn 1,chi_bo_truc_thuoc,DB1,2017,TSVM,Có',
  'DB1-C2,Chi bộ thôn 2,chi_bo_truc_thuoc,DB1,2017,HTTNV,',
];
const MEMBERS = [
  'Mã đảng viên,Họ và tên,Mã chi bộ,Năm,Xếp loại,Lý do,Ngày vào Đảng',
  'DV1,Nguyễn Văn An,DB1-C1,2017,HTXSNV,,15/03/2017',
  'DV2,Trần Thị Bình,DB1-C1,2017,HTTNV,,2001-05-19',
  'DV3,Lê Văn Cường,DB1-C2,2017,UNRANKED,Mới kết nạp,42979',
  'DV4,Phạm Thị Dung,CB1,2017,HTNV,,',
  'DV5,Hồ Văn Em,CB2,2017,HTTNV,,2017-12-31',
];
const csv = (rows: string[]) => `${rows.join('\n')}\n`;

describe('a folder with Tiêu biểu and Ngày vào Đảng', () => {
  it('report --format json: the exemplary units and the members admitted in the year', async () => {
    const dir = dataDir({ organizations: csv(ORGS), members: csv(MEMBERS) });
    const r = await runCli(['report', '--year', '2017', dir, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Record<string, Record<string, unknown>>;
    expect(json.baseOrganizations!.exemplary).toEqual({ code: 'TSVM', count: 1, share: 33.33, shareOfRating: 50 });
    expect(json.cells!.exemplary).toEqual({ code: 'TSVM', count: 1, share: 50, shareOfRating: 100 });
    expect(json.members!.admitted).toBe(3);
    expect(json.members!.byRating).toMatchObject({ HTXSNV: 1, HTTNV: 2, HTNV: 1, UNRANKED: 1 });
  });

  it('the text report is still made (the templates are unchanged)', async () => {
    const dir = dataDir({ organizations: csv(ORGS), members: csv(MEMBERS) });
    const r = await runCli(['report', '--year', '2017', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2017');
  });

  it('validate: a flag on a unit not rated TSVM, an unreadable flag, an unreadable date and one after the year', async () => {
    const orgs = [...ORGS, 'CB3,Chi bộ Công ty,chi_bo_co_so,,2017,HTTNV,x', 'CB4,Chi bộ Ngân hàng,chi_bo_co_so,,2017,TSVM,tiêu biểu'];
    const members = [...MEMBERS, 'DV6,,CB1,2017,HTNV,,31/02/2017', 'DV7,,CB1,2017,HTNV,,2018-01-05'];
    const dir = dataDir({ organizations: csv(orgs), members: csv(members) });
    const r = await runCli(['validate', '--year', '2017', dir, '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { problems: { line: number; code: string; column: string; value: string; message: string }[] };
    // (sorted by file: members.csv first)
    expect(out.problems.map((p) => [p.line, p.code, p.column, p.value])).toEqual([
      [7, 'bad-date', 'Ngày vào Đảng', '31/02/2017'],
      [8, 'future-date', 'Ngày vào Đảng', '2018-01-05'],
      [7, 'exemplary-rating', 'Tiêu biểu', 'x'],
      [8, 'bad-flag', 'Tiêu biểu', 'tiêu biểu'],
    ]);
    expect(out.problems[2]!.message).toBe('cột "Tiêu biểu", giá trị "x": chỉ tổ chức xếp loại trong sạch vững mạnh (TSVM) mới được đánh dấu tiêu biểu, tổ chức này xếp loại hoàn thành tốt nhiệm vụ (HTTNV)');
    expect(out.problems[1]!.message).toContain('ngày vào Đảng 2018-01-05 sau năm đánh giá 2017');
  });

  it('from 2018 the flag marks units within HTXSNV', async () => {
    const orgs = ['id,name,kind,parent_id,year,rating,exemplary', 'CB1,Chi bộ A,chi_bo_co_so,,2019,HTXSNV,x', 'CB2,Chi bộ B,chi_bo_co_so,,2019,HTTNV,'];
    const dir = dataDir({ organizations: csv(orgs), members: csv(['id,org_id,year,rating', 'DV1,CB1,2019,HTTNV']) });
    const r = await runCli(['report', '--year', '2019', dir, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Record<string, Record<string, unknown>>;
    expect(json.baseOrganizations!.exemplary).toEqual({ code: 'HTXSNV', count: 1, share: 50, shareOfRating: 100 });
    expect('admitted' in json.members!).toBe(false);
  });
});
