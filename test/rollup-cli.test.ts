// Roll-up through the command line (in process): several folders, --units, --meta; the JSON of a roll-up equals
// the JSON of one folder holding all the rows (generated provinces, units in every dialect and as figures.json);
// the reports in every format equal the whole's; bad units are named while the others are still checked.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './in-process.js';
import { blocks, DIALECT_NAMES, province, unitFolders, wholeFolder, writeUnit } from './rollup-support.js';
import { ROOT, scratch } from './support.js';

const META = { unit: 'tỉnh Thử Nghiệm', publisher: 'Tỉnh ủy Thử Nghiệm' };

function metaFile(): string {
  const file = path.join(scratch('assess-meta-'), 'tinh.json');
  writeFileSync(file, JSON.stringify(META));
  return file;
}

describe('a roll-up equals the whole', () => {
  it.each([
    [11, 6, ['plain'] as const],
    [12, 10, DIALECT_NAMES],
    [13, 7, ['figures', 'xlsx', 'utf16', 'excel-csv'] as const],
  ])('province %i of %i units (%j): the same JSON, block for block, this year and last', async (seed, n, dialects) => {
    const p = province(seed, n);
    const whole = await runCli(['report', '--year', '2026', '--format', 'json', wholeFolder(p, META)]);
    expect(whole.code, whole.stderr).toBe(0);
    const parent = await unitFolders(p, dialects);
    const rolled = await runCli(['report', '--year', '2026', '--format', 'json', '--meta', metaFile(), '--units', parent]);
    expect(rolled.code, rolled.stderr).toBe(0);
    const j = JSON.parse(rolled.stdout) as { byUpper: { id: string }[]; previous: unknown };
    expect(j.byUpper.map((u) => u.id)).toEqual(p.units.map((u) => u.id));
    expect(j.previous).not.toBeNull();
    expect(blocks(rolled.stdout)).toEqual(blocks(whole.stdout));
    // The folders named one by one, in any order: the same.
    const named = p.units.map((u) => path.join(parent, u.id)).reverse();
    const again = await runCli(['report', '--year', '2026', '--format', 'json', '--meta', metaFile(), ...named]);
    expect(again.stdout).toBe(rolled.stdout);
  });

  it('units that hold their own row among their rows (no report.json): the same JSON, the unit named and rated by it', async () => {
    const p = province(14, 6);
    const whole = await runCli(['report', '--year', '2026', '--format', 'json', wholeFolder(p, META)]);
    const parent = await unitFolders(p, ['plain', 'xlsx', 'figures'], true);
    const rolled = await runCli(['report', '--year', '2026', '--format', 'json', '--meta', metaFile(), '--units', parent]);
    expect(rolled.code, rolled.stderr).toBe(0);
    expect(blocks(rolled.stdout)).toEqual(blocks(whole.stdout));
  });

  it('the province fixture split into its units gives the same report in every format', async () => {
    const src = path.join(ROOT, 'fixtures', 'tinh-hoa-an-2026');
    const parent = scratch('assess-hoa-an-');
    // The fixture's units: the split the contract describes, two of them sent as figures.
    const orgs = readFileSync(path.join(src, 'organizations.csv'), 'utf8').trim().split('\n');
    const uppers = orgs.filter((l) => l.split(',')[2] === 'Đảng bộ cấp trên cơ sở').map((l) => l.split(','));
    const ids = [...new Set(uppers.map((u) => u[0]!))];
    expect(ids.length).toBeGreaterThan(2);
    const provinceRows = { organizations: orgs, members: readFileSync(path.join(src, 'members.csv'), 'utf8').trim().split('\n') };
    const rowsParent = scratch('assess-hoa-an-rows-');
    for (const [k, id] of ids.entries()) {
      const dir = path.join(parent, id);
      const rowsOnly = path.join(rowsParent, id);
      const part = splitFixture(provinceRows, id);
      const mine = uppers.filter((u) => u[0] === id);
      const name = mine[0]![1]!.replace(/^Đảng bộ /, '');
      const report = { unit: name, rating: Object.fromEntries(mine.map((u) => [u[4], u[5]])), score: Object.fromEntries(mine.filter((u) => u[6]).map((u) => [u[4], Number(u[6])])) };
      mkdirSync(dir, { recursive: true });
      const rowsDir = k % 2 === 1 ? scratch('assess-unit-') : dir;
      writeFileSync(path.join(rowsDir, 'organizations.csv'), part.organizations.join('\n') + '\n');
      writeFileSync(path.join(rowsDir, 'members.csv'), part.members.join('\n') + '\n');
      writeFileSync(path.join(dir, 'report.json'), JSON.stringify(report));
      mkdirSync(rowsOnly);
      for (const f of ['organizations.csv', 'members.csv']) cpSync(path.join(rowsDir, f), path.join(rowsOnly, f));
      cpSync(path.join(dir, 'report.json'), path.join(rowsOnly, 'report.json'));
      if (rowsDir !== dir) {
        const r = await runCli(['report', '--year', '2026', '--format', 'json', rowsDir]);
        writeFileSync(path.join(dir, 'figures.json'), r.stdout);
      }
    }
    const meta = path.join(src, 'report.json');
    for (const format of ['text', 'md', 'html', 'json']) {
      const whole = await runCli(['report', '--year', '2026', '--format', format, src]);
      const rolled = await runCli(['report', '--year', '2026', '--format', format, '--meta', meta, '--units', parent]);
      expect(rolled.code, rolled.stderr).toBe(0);
      if (format === 'json') expect({ ...JSON.parse(rolled.stdout), warnings: [] }).toEqual({ ...JSON.parse(whole.stdout), warnings: [] });
      else expect(rolled.stdout, format).toBe(whole.stdout);
    }
    // The Word report from rows and figures; the workbook, which lists every cell, from units sent as rows
    // (a unit's figures do not list its cells one by one).
    for (const [format, units] of [['docx', parent], ['xlsx', rowsParent]] as const) {
      const out = scratch('assess-out-');
      const a = path.join(out, `whole.${format}`);
      const b = path.join(out, `rolled.${format}`);
      expect((await runCli(['report', '--year', '2026', '--format', format, '--out', a, src])).code).toBe(0);
      expect((await runCli(['report', '--year', '2026', '--format', format, '--out', b, '--meta', meta, '--units', units])).code).toBe(0);
      expect(readFileSync(b).equals(readFileSync(a)), format).toBe(true);
      // The roll-up's output checked against the whole's file: the same document.
      const check = await runCli(['report', '--year', '2026', '--format', format, '--check', a, '--meta', meta, '--units', units]);
      expect(check.stderr).toMatch(/đã khớp/);
    }
  });
});

/** The fixture's rows of one unit, as it would send them. */
function splitFixture(rows: { organizations: string[]; members: string[] }, id: string): { organizations: string[]; members: string[] } {
  const [orgHead, ...orgs] = rows.organizations;
  const [memberHead, ...members] = rows.members;
  const cells = orgs.map((l) => l.split(','));
  const byKey = new Map(cells.map((c) => [`${c[4]}|${c[0]}`, c]));
  const upperOf = (c: string[]): string | undefined => {
    let x: string[] | undefined = c;
    while (x && x[2] !== 'Đảng bộ cấp trên cơ sở') x = x[3] ? byKey.get(`${x[4]}|${x[3]}`) : undefined;
    return x?.[0];
  };
  const mine = cells.filter((c) => c[2] !== 'Đảng bộ cấp trên cơ sở' && upperOf(c) === id);
  const keys = new Set(mine.map((c) => `${c[4]}|${c[0]}`));
  return {
    organizations: [orgHead!, ...mine.map((c) => (c[3] === id ? [...c.slice(0, 3), '', ...c.slice(4)] : c).join(','))],
    members: [memberHead!, ...members.filter((l) => keys.has(`${l.split(',')[3]}|${l.split(',')[2]}`))],
  };
}

describe('bad units are named, the others still checked', () => {
  it('a missing file, another year, figures that do not add up, a bad own rating: each named with its folder; exit 1', async () => {
    const p = province(21, 6);
    const parent = await unitFolders(p, ['plain', 'figures']);
    const [a, b, c, d, e] = p.units.map((u) => path.join(parent, u.id));
    rmSync(path.join(a!, 'members.csv'));
    writeFileSync(path.join(c!, 'organizations.csv'), readFileSync(path.join(c!, 'organizations.csv'), 'utf8').replace(/,2026,/g, ',2024,'));
    writeFileSync(path.join(c!, 'members.csv'), readFileSync(path.join(c!, 'members.csv'), 'utf8').replace(/,2026,/g, ',2024,'));
    const figures = JSON.parse(readFileSync(path.join(b!, 'figures.json'), 'utf8')) as { members: { total: number } };
    figures.members.total += 1;
    writeFileSync(path.join(b!, 'figures.json'), JSON.stringify(figures, null, 2));
    writeFileSync(path.join(e!, 'report.json'), JSON.stringify({ unit: 'xã Năm', rating: 'Giỏi' }));
    const r = await runCli(['validate', '--year', '2026', '--units', parent]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${a}: thiếu members.csv`);
    expect(r.stderr).toMatch(new RegExp(`${b}/figures.json:\\d+: đảng viên: cộng các mức xếp loại được`));
    expect(r.stderr).toContain(`${c}: không có dữ liệu năm 2026`);
    expect(r.stderr).toContain(`${e}/report.json: trường "rating": "Giỏi" không phải một mức xếp loại tổ chức của năm 2026`);
    expect(r.stderr).not.toContain(d!);
    expect(r.stderr).toMatch(/Đơn vị có lỗi: XA01 \(1 lỗi\), XA02 \(1 lỗi\), XA03 \(1 lỗi\), XA05 \(1 lỗi\); 2 đơn vị còn lại không có lỗi\./);
    // As data: each problem with its file; the report refuses with the same listing.
    const json = JSON.parse((await runCli(['validate', '--year', '2026', '--format', 'json', '--units', parent])).stdout) as { valid: boolean; problems: { file: string }[] };
    expect(json.valid).toBe(false);
    expect(json.problems.map((x) => x.file)).toEqual([a, `${b}/figures.json`, c, `${e}/report.json`]);
    const report = await runCli(['report', '--year', '2026', '--units', parent]);
    expect([report.code, report.stdout]).toEqual([1, '']);
  });

  it('a row problem names the unit folder and the file; a unit holding two upper committees is refused', async () => {
    const p = province(22, 3);
    const parent = await unitFolders(p, ['plain']);
    const [a, b] = p.units.map((u) => path.join(parent, u.id));
    const members = readFileSync(path.join(a!, 'members.csv'), 'utf8').split('\n');
    const at = members.findIndex((l) => l.includes(',2026,'));
    members[at] = members[at]!.replace(/,2026,[A-Z]+,/, ',2026,Giỏi,');
    writeFileSync(path.join(a!, 'members.csv'), members.join('\n'));
    // A unit may hold its own row; two upper committees in one unit are refused.
    writeFileSync(path.join(b!, 'organizations.csv'), readFileSync(path.join(b!, 'organizations.csv'), 'utf8') + 'X8,Đảng bộ xã Một,dang_bo_cap_tren_co_so,,2026,HTTNV,\nX9,Đảng bộ xã Thừa,dang_bo_cap_tren_co_so,,2026,HTTNV,\n');
    const r = await runCli(['validate', '--year', '2026', a!, b!, path.join(parent, p.units[2]!.id)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${a}/members.csv:${at + 1}: .*"Giỏi"`));
    expect(r.stderr).toMatch(new RegExp(`${b}/organizations.csv:\\d+: "Đảng bộ xã Thừa" là một trong 2 đảng bộ cấp trên cơ sở của thư mục`));
  });

  it('the same id in two units is two organizations', async () => {
    const dir = scratch('assess-ids-');
    for (const u of ['xa-a', 'xa-b']) {
      mkdirSync(path.join(dir, u));
      writeFileSync(path.join(dir, u, 'organizations.csv'), 'id,name,kind,parent_id,year,rating\nB1,Chi bộ cơ sở 1,chi_bo_co_so,,2026,HTTNV\nT1,Chi bộ thôn 1,chi_bo_truc_thuoc,,2026,HTNV\n');
      writeFileSync(path.join(dir, u, 'members.csv'), 'id,org_id,year,rating\nD1,B1,2026,HTTNV\nD2,T1,2026,HTNV\n');
    }
    const r = await runCli(['report', '--year', '2026', '--format', 'json', path.join(dir, 'xa-b'), path.join(dir, 'xa-a')]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { baseOrganizations: { total: number }; cells: { total: number }; members: { total: number }; byUpper: { id: string; name: string; rating: string; members: { total: number } }[] };
    expect([j.baseOrganizations.total, j.cells.total, j.members.total]).toEqual([2, 2, 4]);
    expect(j.byUpper.map((u) => [u.id, u.name, u.rating, u.members.total])).toEqual([['xa-a', 'Đảng bộ xa-a', 'PENDING', 2], ['xa-b', 'Đảng bộ xa-b', 'PENDING', 2]]);
  });

  it('usage errors: rows and figures in one folder, two folders of one name, an empty --units folder (exit 2, nothing on stdout)', async () => {
    const p = province(23, 2);
    const parent = await unitFolders(p, ['plain']);
    const a = path.join(parent, p.units[0]!.id);
    const other = scratch('assess-other-');
    cpSync(a, path.join(other, p.units[0]!.id), { recursive: true });
    const cases: [string[], RegExp][] = [
      [[a, path.join(other, p.units[0]!.id)], /hai thư mục cùng tên "XA01"/],
      [['--units', scratch('assess-empty-')], /không có thư mục con nào/],
      [[a, `${a}/`], /thư mục ".*" được nêu hai lần/],
    ];
    await writeUnit(p, p.units[1]!.id, path.join(other, 'both'), 'figures');
    cpSync(path.join(a, 'organizations.csv'), path.join(other, 'both', 'organizations.csv'));
    cases.push([[a, path.join(other, 'both')], /có cả figures.json và danh sách/]);
    for (const [args, message] of cases) {
      const r = await runCli(['report', '--year', '2026', ...args]);
      expect([r.code, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toMatch(message);
    }
    // --out may not be an input of the run: a unit's figures.json, a unit's members file, the --meta file.
    rmSync(path.join(other, 'both', 'organizations.csv'));
    const meta = metaFile();
    for (const target of [path.join(other, 'both', 'figures.json'), path.join(a, 'members.csv'), meta]) {
      const before = readFileSync(target);
      const r = await runCli(['report', '--year', '2026', a, path.join(other, 'both'), '--meta', meta, '--format', 'json', '--out', target]);
      expect([r.code, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toContain('là một tệp đầu vào của lần chạy này');
      expect(readFileSync(target).equals(before)).toBe(true);
    }
  });
});
