#!/usr/bin/env node
// npm run bench [-- --size 30k,300k,6M,12M] [--runs N] [--dialects 6M|none] [--xlsx 370k|N|none] [--rollup 100x5k|UxM|none]
//
// For each size (default: all four), generates (deterministically, into the temp folder, reused when
// present) a national data set in the contract's format, then times whole processes: `assess report
// --format json` and `assess report` on it, next to a plain read of the same bytes (cat), DuckDB (npm
// @duckdb/node-api, installed into a temp folder) and Miller (Debian's `mlr`) when they can be had. Once:
// `node -e ''`, a one-row run (the fixed cost) and `assess report` on the Bắc Bình fixture. Then the same
// data at 6 M as the files users make (scripts/lib/dialects.mjs: every field quoted, UTF-16 tab CRLF, one
// duplicate member id), each run in turn with the plain file and DuckDB (alternated rounds: the machine may
// be shared), each variant's JSON compared byte for byte with the plain file's. Prints median wall time, rows
// per second and peak RSS (GNU time), the load average, then the targets of issue 16 and how the cost per
// row grows from one size to the next.
// Then Excel in (--xlsx, default 370k: a province's members): the same rows as members.csv and as members.xlsx
// (written once by exceljs's streaming writer, the year typed as a number, text as shared strings, as Excel saves
// it), each run beside the same organizations.csv, and the xlsx run's time and peak RSS against the CSV run's
// (target: at most twice).
// Then a roll-up (--rollup, default 100x5k: a province of a hundred communes of 5 000 members): the same rows
// as one folder (an upper committee row per commune) and as a hundred folders (--units), run in turn, their
// figures compared block for block (target: the hundred folders take no longer than the one).
import { spawnSync } from 'node:child_process';
import { closeSync, createWriteStream, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIALECTS, duplicateLines, writeDialect } from './lib/dialects.mjs';
import { mulberry32 } from './lib/fixtures.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const SIZES = { '30k': 30_000, '300k': 300_000, '6M': 6_000_000, '12M': 12_000_000 };
const sizes = opt('--size', Object.keys(SIZES).join(',')).split(',');
for (const size of sizes) if (!(SIZES[size] ?? Number(size))) throw new Error(`--size: one or more of ${Object.keys(SIZES).join(', ')} (or a number), comma-separated`);
const RUNS_OPT = opt('--runs', undefined);
const DIALECT_SIZE = opt('--dialects', sizes.includes('6M') ? '6M' : 'none');
const YEAR = 2019;
const GEN_VERSION = 2;

// ---------------------------------------------------------------- the data set
// 6 M members ↔ 60 000 base organizations (60% committees) and 300 000 cells, scaled down alike.
async function generate(dir, members) {
  const stamp = path.join(dir, 'STAMP');
  const want = JSON.stringify({ GEN_VERSION, members });
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  mkdirSync(dir, { recursive: true });
  const rand = mulberry32(20191231);
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const weighted = (pairs) => { let r = rand(), acc = 0; for (const [v, w] of pairs) { acc += w; if (r < acc) return v; } return pairs.at(-1)[0]; };
  const bases = Math.max(3, Math.round(members / 100));
  const committees = Math.round(bases * 0.6);
  const cellsTotal = Math.max(committees, Math.round(members / 20));
  const XA = ['Phan Rí Thành', 'Chợ Lầu', 'Lương Sơn', 'Hải Ninh', 'Phan Hòa', 'Hồng Thái', 'Bình An', 'Sông Lũy', 'Tân Phước', 'Hàm Phú', 'Đức Linh', 'Hòa Thắng'];
  const HO = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Phan', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô'];
  const DEM = ['Văn', 'Thị', 'Hữu', 'Đức', 'Ngọc', 'Minh', 'Thanh', 'Quốc'];
  const TEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hải', 'Hồng', 'Hùng', 'Lan', 'Long', 'Mai', 'Nam', 'Sơn', 'Tâm', 'Yến'];
  const ORG = [['HTXSNV', 0.15], ['HTTNV', 0.6], ['HTNV', 0.2], ['KHTNV', 0.04], ['PENDING', 0.01]];
  const MEM = [['HTXSNV', 0.11], ['HTTNV', 0.7], ['HTNV', 0.08], ['KHTNV', 0.005], ['UNRANKED', 0.1], ['PENDING', 0.005]];
  const REASON = { UNRANKED: ['Miễn sinh hoạt', 'Miễn công tác', 'Mới kết nạp'], PENDING: ['Ốm đau', 'Đi làm ăn xa'] };
  const write = (file) => { const s = createWriteStream(path.join(dir, file)); let buf = ''; return { line(x) { buf += x; if (buf.length > 1 << 20) { s.write(buf); buf = ''; } }, end: () => new Promise((r) => { s.end(buf, r); }) }; };
  const o = write('organizations.csv');
  o.line('id,name,kind,parent_id,year,rating\n');
  const homes = [];
  const w = String(bases).length;
  for (let i = 1; i <= bases; i++) {
    const id = `CS${String(i).padStart(w, '0')}`;
    const committee = i <= committees;
    o.line(`${id},${committee ? 'Đảng bộ' : 'Chi bộ'} xã ${pick(XA)} ${i},${committee ? 'dang_bo_co_so' : 'chi_bo_co_so'},,${YEAR},${weighted(ORG)}\n`);
    if (!committee) homes.push(id);
  }
  for (let c = 0; c < cellsTotal; c++) {
    const parent = `CS${String((c % committees) + 1).padStart(w, '0')}`;
    const id = `${parent}-${Math.floor(c / committees) + 1}`;
    o.line(`${id},Chi bộ thôn ${pick(XA)} ${c + 1},chi_bo_truc_thuoc,${parent},${YEAR},${weighted(ORG)}\n`);
    homes.push(id);
  }
  await o.end();
  const m = write('members.csv');
  m.line('id,name,org_id,year,rating,reason\n');
  const mw = String(members).length;
  for (let i = 1; i <= members; i++) {
    const r = weighted(MEM);
    m.line(`DV${String(i).padStart(mw, '0')},${pick(HO)} ${pick(DEM)} ${pick(TEN)},${homes[Math.floor(rand() * homes.length)]},${YEAR},${r},${REASON[r] ? pick(REASON[r]) : ''}\n`);
  }
  await m.end();
  writeFileSync(path.join(dir, 'report.json'), '{ "unit": "toàn quốc (dữ liệu thử)" }\n');
  writeFileSync(stamp, want);
}

// ---------------------------------------------------------------- timing
const HAS_TIME = existsSync('/usr/bin/time');

/** One run of a command: wall seconds, peak RSS (MB); its stdout to `out` (a file) or discarded. */
function once(cmd, cmdArgs, { cwd = ROOT, env = {}, codes = [0], out } = {}) {
  const t0 = process.hrtime.bigint();
  // stdout is discarded (as `> /dev/null`): capturing it here would time this script's reading, not theirs.
  const fd = out ? openSync(out, 'w') : 'ignore';
  const opts = { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', fd, 'pipe'] };
  const r = HAS_TIME ? spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...cmdArgs], opts) : spawnSync(cmd, cmdArgs, opts);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (out) closeSync(fd);
  if (!codes.includes(r.status)) throw new Error(`${cmd} ${cmdArgs.join(' ')} exited ${r.status}: ${r.stderr.slice(-500)}`);
  return { wall, rss: HAS_TIME ? Number(r.stderr.trim().split('\n').at(-1).split(' ')[1]) / 1024 : NaN };
}

const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const summary = (rs) => ({ wall: med(rs.map((r) => r.wall)), rss: med(rs.map((r) => r.rss)), min: Math.min(...rs.map((r) => r.wall)) });

/** Runs a command `runs` times; median wall seconds and the median of peak RSS (MB). */
function measure(cmd, cmdArgs, { runs, ...rest }) {
  return summary(Array.from({ length: runs }, () => once(cmd, cmdArgs, rest)));
}

/** Runs each of `jobs` ([name, cmd, args, opts]) once a round, `runs` rounds: the medians of each, the load alike for all. */
function alternate(jobs, runs) {
  const all = jobs.map(() => []);
  for (let r = 0; r < runs; r++) jobs.forEach(([, cmd, args, o], i) => all[i].push(once(cmd, args, o)));
  return Object.fromEntries(jobs.map(([name], i) => [name, summary(all[i])]));
}

/** The load average now (1, 5, 15 minutes): the machine is shared, so the figures are read beside it. */
const load = () => loadavg().map((x) => x.toFixed(2)).join(', ');

function duckdb() {
  const home = path.join(tmpdir(), 'assess-bench-duckdb');
  if (!existsSync(path.join(home, 'node_modules', '@duckdb', 'node-api'))) {
    mkdirSync(home, { recursive: true });
    const r = spawnSync('npm', ['install', '--prefix', home, '--no-audit', '--no-fund', '@duckdb/node-api'], { encoding: 'utf8' });
    if (r.status !== 0) return undefined;
  }
  const script = path.join(home, 'query.mjs');
  // Counts by block and rating, plus the checks: unknown ratings, bad years, duplicate ids, members
  // whose cell is missing (anti-join), cells whose committee is missing.
  writeFileSync(script, `
import { DuckDBInstance } from '@duckdb/node-api';
const [dir, threads] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:', { threads });
const c = await db.connect();
const q = async (sql) => (await c.runAndReadAll(sql)).getRows();
await q(\`CREATE TABLE o AS SELECT * FROM read_csv('\${dir}/organizations.csv', all_varchar=true)\`);
await q(\`CREATE TABLE m AS SELECT * FROM read_csv('\${dir}/members.csv', all_varchar=true)\`);
const rows = [
  ...await q(\`SELECT kind, rating, count(*) FROM o WHERE year='${YEAR}' GROUP BY ALL\`),
  ...await q(\`SELECT rating, count(*) FROM m WHERE year='${YEAR}' GROUP BY ALL\`),
  ...await q(\`SELECT count(*) FROM m WHERE rating NOT IN ('HTXSNV','HTTNV','HTNV','KHTNV','UNRANKED','PENDING','') OR NOT regexp_matches(year, '^[0-9]{4}$')\`),
  ...await q(\`SELECT id, count(*) FROM m GROUP BY id HAVING count(*) > 1\`),
  ...await q(\`SELECT count(*) FROM m ANTI JOIN (SELECT id FROM o WHERE kind <> 'dang_bo_co_so') c ON m.org_id = c.id\`),
  ...await q(\`SELECT count(*) FROM o c ANTI JOIN (SELECT id FROM o WHERE kind = 'dang_bo_co_so') p ON c.parent_id = p.id WHERE c.kind = 'chi_bo_truc_thuoc'\`),
];
if (rows.length < 5) process.exit(1);
`);
  return { script, home };
}

// ---------------------------------------------------------------- run
const BIN = path.join(ROOT, 'bin', 'assess.js');
const report = (dir, year, ...more) => [BIN, 'report', '--year', String(year), dir, ...more];
const line = (name, r, n) => console.log(`  ${name.padEnd(56)} ${r.wall.toFixed(3).padStart(8)} s ${n ? `${(n / r.wall / 1e6).toFixed(2).padStart(6)} M rows/s` : ''.padStart(15)} ${Number.isNaN(r.rss) ? '' : `${r.rss.toFixed(0).padStart(6)} MB`}`);

// Once: bare Node, the fixed cost of a run (start-up, a one-row data set), the district report.
const ONCE_RUNS = Number(RUNS_OPT ?? 9);
console.log(`load average (1, 5, 15 min): ${load()}`);
console.log(`once (${ONCE_RUNS} runs each, median)`);
const nodeBare = measure(process.execPath, ['-e', ''], { runs: ONCE_RUNS });
line("node -e ''", nodeBare);
const tiny = path.join(tmpdir(), 'assess-bench-tiny');
mkdirSync(tiny, { recursive: true });
writeFileSync(path.join(tiny, 'organizations.csv'), `id,name,kind,parent_id,year,rating\nCB1,Chi bộ A,chi_bo_co_so,,${YEAR},HTTNV\n`);
writeFileSync(path.join(tiny, 'members.csv'), `id,name,org_id,year,rating,reason\nDV1,Nguyễn Văn A,CB1,${YEAR},HTTNV,\n`);
const fixed = measure(process.execPath, report(tiny, YEAR, '--format', 'json'), { runs: ONCE_RUNS });
line('assess report --format json, one row', fixed);
const bb = measure(process.execPath, report('fixtures/bac-binh-2017', 2017), { runs: ONCE_RUNS });
line('assess report, Bắc Bình fixture', bb);

const d = duckdb();
const mlr = spawnSync('which', ['mlr'], { encoding: 'utf8' }).stdout.trim();
const bySize = [];
for (const size of sizes) {
  const MEMBERS = SIZES[size] ?? Number(size);
  const runs = Number(RUNS_OPT ?? (MEMBERS >= 1_000_000 ? 3 : 7));
  const dir = path.join(tmpdir(), `assess-bench-${size}`);
  process.stdout.write(`\n${size}: ${dir} … `);
  await generate(dir, MEMBERS);
  const bytes = statSync(path.join(dir, 'members.csv')).size + statSync(path.join(dir, 'organizations.csv')).size;
  const orgRows = readFileSync(path.join(dir, 'organizations.csv')).reduce((n, b) => n + (b === 10 ? 1 : 0), 0) - 1;
  const rows = MEMBERS + orgRows;
  console.log(`${MEMBERS.toLocaleString('en')} members + ${orgRows.toLocaleString('en')} organizations, ${(bytes / 1e6).toFixed(0)} MB; ${runs} runs each, median; load ${load()}`);
  const add = (name, r, n) => (line(name, r, n), r);
  const at = { size, rows, members: MEMBERS };
  add('cat (plain read of the same bytes)', measure('cat', [path.join(dir, 'organizations.csv'), path.join(dir, 'members.csv')], { runs }), rows);
  // assess and DuckDB (2 threads) in turn, so that their ratio is taken under the same load.
  const pair = alternate([['json', process.execPath, report(dir, YEAR, '--format', 'json')], ...(d ? [['duck2', process.execPath, [d.script, dir, '2'], { cwd: d.home }]] : [])], runs);
  at.json = add('assess report --format json', pair.json, rows);
  add('assess report (text)', measure(process.execPath, report(dir, YEAR), { runs }), rows);
  if (d) {
    at.duck2 = add('DuckDB counts + checks, 2 threads', pair.duck2, rows);
    add('DuckDB counts + checks, 1 thread', measure(process.execPath, [d.script, dir, '1'], { cwd: d.home, runs }), rows);
  } else console.log('  DuckDB: could not be installed from npm; skipped');
  if (mlr) at.miller = add('Miller count -g rating (members, no checks)', measure(mlr, ['--icsv', '--ojson', 'count', '-g', 'rating', path.join(dir, 'members.csv')], { runs }), MEMBERS);
  else console.log('  Miller: not installed (apt-get install miller); skipped');
  bySize.push(at);
}

// The files users make, at one size (6 M by default): every field quoted, UTF-16 tab CRLF, one duplicate id,
// each run in turn with the plain file and DuckDB; each variant's JSON compared with the plain file's.
let dialects;
if (DIALECT_SIZE !== 'none') {
  const MEMBERS = SIZES[DIALECT_SIZE] ?? Number(DIALECT_SIZE);
  const runs = Number(RUNS_OPT ?? (MEMBERS >= 1_000_000 ? 5 : 7));
  const base = path.join(tmpdir(), `assess-bench-${DIALECT_SIZE}`);
  await generate(base, MEMBERS);
  const kinds = ['quoted', 'utf16', 'duplicate'];
  for (const k of kinds) await writeDialect(base, `${base}-${k}`, k);
  console.log(`\nthe same ${DIALECT_SIZE} as the files users make (${runs} rounds, each job once a round, medians; load ${load()})`);
  // The answers first: each variant's JSON byte for byte the plain one's; the duplicate said once, at its line.
  const out = path.join(tmpdir(), 'assess-bench-out');
  mkdirSync(out, { recursive: true });
  once(process.execPath, report(base, YEAR, '--format', 'json'), { out: path.join(out, 'plain.json') });
  const plainJson = readFileSync(path.join(out, 'plain.json'));
  const same = {};
  for (const k of ['quoted', 'utf16']) {
    once(process.execPath, report(`${base}-${k}`, YEAR, '--format', 'json'), { out: path.join(out, `${k}.json`) });
    same[k] = readFileSync(path.join(out, `${k}.json`)).equals(plainJson);
  }
  once(process.execPath, [BIN, 'validate', '--year', String(YEAR), `${base}-duplicate`, '--format', 'json'], { out: path.join(out, 'duplicate.json'), codes: [1] });
  const { line: dupLine, first } = duplicateLines(MEMBERS);
  const problems = JSON.parse(readFileSync(path.join(out, 'duplicate.json'), 'utf8')).problems;
  same.duplicate = problems.length === 1 && problems[0].code === 'duplicate-id' && problems[0].line === dupLine && problems[0].message.includes(`đã có ở dòng ${first} `);
  rmSync(out, { recursive: true, force: true });
  const json = (dir, o) => [process.execPath, report(dir, YEAR, '--format', 'json'), o];
  const t = alternate([
    ['plain', ...json(base)],
    ...kinds.map((k) => [k, ...json(`${base}-${k}`, k === 'duplicate' ? { codes: [1] } : {})]),
    ...(d ? [['duck2', process.execPath, [d.script, base, '2'], { cwd: d.home }]] : []),
  ], runs);
  const ratio = (r) => (t.duck2 ? `${(r.wall / t.duck2.wall).toFixed(2)} × DuckDB` : '');
  line(`assess, plain (${ratio(t.plain)})`, t.plain);
  line(`assess, ${DIALECTS.quoted.label} (${ratio(t.quoted)})`, t.quoted);
  line(`assess, ${DIALECTS.utf16.label.replace(' (Excel "Unicode Text")', '')} (${ratio(t.utf16)})`, t.utf16);
  line(`assess, one duplicate id, exit 1 (${ratio(t.duplicate)})`, t.duplicate);
  if (t.duck2) line('DuckDB counts + checks, 2 threads, plain', t.duck2);
  console.log(`  every field quoted: JSON byte for byte the plain one's: ${same.quoted ? 'yes' : 'NO'}; UTF-16: ${same.utf16 ? 'yes' : 'NO'}; the duplicate said once, at line ${dupLine}, naming line ${first}: ${same.duplicate ? 'yes' : 'NO'}`);
  console.log(`  (load average after: ${load()})`);
  dialects = { t, same };
}

const verdict = (ok) => (ok ? 'met' : 'NOT met');

// ---------------------------------------------------------------- Excel in
/** members.csv of `dir` as members.xlsx in `xdir` (with the same organizations.csv), cached. */
async function toXlsx(dir, xdir) {
  const stamp = path.join(xdir, 'STAMP');
  const want = readFileSync(path.join(dir, 'STAMP'), 'utf8');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  mkdirSync(xdir, { recursive: true });
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path.join(xdir, 'members.xlsx'), useSharedStrings: true });
  const ws = wb.addWorksheet('Đảng viên');
  const lines = readFileSync(path.join(dir, 'members.csv'), 'utf8').split('\n');
  for (const l of lines) if (l) ws.addRow(l.split(',').map((c) => (/^\d{4}$/.test(c) ? Number(c) : c))).commit();
  ws.commit();
  await wb.commit();
  writeFileSync(path.join(xdir, 'organizations.csv'), readFileSync(path.join(dir, 'organizations.csv')));
  writeFileSync(path.join(xdir, 'report.json'), readFileSync(path.join(dir, 'report.json')));
  writeFileSync(stamp, want);
}

const XLSX = opt('--xlsx', '370k');
if (XLSX !== 'none') {
  const n = SIZES[XLSX] ?? Number(XLSX.replace(/k$/, '000'));
  const runs = Number(RUNS_OPT ?? 5);
  const dir = path.join(tmpdir(), `assess-bench-${XLSX}`);
  const xdir = path.join(tmpdir(), `assess-bench-${XLSX}-xlsx`);
  process.stdout.write(`\nExcel in, ${n.toLocaleString('en')} members: ${xdir} … `);
  await generate(dir, n);
  await toXlsx(dir, xdir);
  console.log(`members.csv ${(statSync(path.join(dir, 'members.csv')).size / 1e6).toFixed(0)} MB, members.xlsx ${(statSync(path.join(xdir, 'members.xlsx')).size / 1e6).toFixed(0)} MB; ${runs} runs each, median`);
  const c = measure(process.execPath, report(dir, YEAR, '--format', 'json'), { runs });
  line('assess report --format json, members.csv', c, n);
  const x = measure(process.execPath, report(xdir, YEAR, '--format', 'json'), { runs });
  line('assess report --format json, members.xlsx', x, n);
  console.log(`  xlsx ≤ 2 × CSV: time ${x.wall.toFixed(2)} s vs ${(2 * c.wall).toFixed(2)} s (${(x.wall / c.wall).toFixed(1)} ×): ${verdict(x.wall <= 2 * c.wall)}; peak RSS ${x.rss.toFixed(0)} MB vs ${(2 * c.rss).toFixed(0)} MB (${(x.rss / c.rss).toFixed(1)} ×): ${verdict(x.rss <= 2 * c.rss)}`);
}

// ---------------------------------------------------------------- roll-up
/** A province of `units` communes of `per` members, as one folder (`whole`) and one folder per commune under `parent`; cached. */
function generateRollup(whole, parent, units, per) {
  const stamp = path.join(whole, 'STAMP');
  const want = JSON.stringify({ GEN_VERSION, units, per, v: 2 });
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  rmSync(parent, { recursive: true, force: true });
  mkdirSync(whole, { recursive: true });
  const rand = mulberry32(20261231);
  const weighted = (pairs) => { let r = rand(), acc = 0; for (const [v, w] of pairs) { acc += w; if (r < acc) return v; } return pairs.at(-1)[0]; };
  const ORG = [['HTXSNV', 0.15], ['HTTNV', 0.6], ['HTNV', 0.2], ['KHTNV', 0.04], ['PENDING', 0.01]];
  const MEM = [['HTXSNV', 0.11], ['HTTNV', 0.7], ['HTNV', 0.08], ['KHTNV', 0.005], ['UNRANKED', 0.1], ['PENDING', 0.005]];
  const REASON = { UNRANKED: ['Miễn sinh hoạt', 'Mới kết nạp'], PENDING: ['Chưa kiểm điểm'] };
  const Y = 2026;
  const orgHead = 'id,name,kind,parent_id,year,rating\n';
  const memHead = 'id,name,org_id,year,rating,reason\n';
  let wo = orgHead;
  const wm = [memHead];
  let member = 0;
  for (let u = 1; u <= units; u++) {
    const id = `XA${String(u).padStart(3, '0')}`;
    wo += `${id},Đảng bộ xã Số ${u},dang_bo_cap_tren_co_so,,${Y},${weighted(ORG.slice(0, 4))}\n`;
    let uo = orgHead;
    const um = [memHead];
    const homes = [];
    const bases = Math.max(2, Math.round(per / 100));
    for (let b = 1; b <= bases; b++) {
      const bid = `${id}-B${b}`;
      const committee = b <= Math.round(bases * 0.6);
      const rating = weighted(ORG);
      const row = (parentId) => `${bid},${committee ? 'Đảng bộ' : 'Chi bộ'} cơ quan ${b},${committee ? 'dang_bo_co_so' : 'chi_bo_co_so'},${parentId},${Y},${rating}\n`;
      wo += row(id);
      uo += row('');
      if (!committee) homes.push(bid);
      else for (let c = 1; c <= 3; c++) {
        const cid = `${bid}-C${c}`;
        const cr = `${cid},Chi bộ ${c},chi_bo_truc_thuoc,${bid},${Y},${weighted(ORG)}\n`;
        wo += cr;
        uo += cr;
        homes.push(cid);
      }
    }
    for (let t = 1; t <= 10; t++) {
      const tid = `${id}-T${t}`;
      const rating = weighted(ORG);
      wo += `${tid},Chi bộ thôn ${t},chi_bo_truc_thuoc,${id},${Y},${rating}\n`;
      uo += `${tid},Chi bộ thôn ${t},chi_bo_truc_thuoc,,${Y},${rating}\n`;
      homes.push(tid);
    }
    for (let i = 0; i < per; i++) {
      const r = weighted(MEM);
      const l = `DV${String(++member).padStart(7, '0')},Đảng viên ${member},${homes[Math.floor(rand() * homes.length)]},${Y},${r},${REASON[r] ? REASON[r][Math.floor(rand() * REASON[r].length)] : ''}\n`;
      wm.push(l);
      um.push(l);
    }
    const dir = path.join(parent, id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'organizations.csv'), uo);
    writeFileSync(path.join(dir, 'members.csv'), um.join(''));
    writeFileSync(path.join(dir, 'report.json'), JSON.stringify({ unit: `xã Số ${u}`, rating: /^XA\d+,[^,]*,[^,]*,,\d+,(\w+)/m.exec(wo.slice(wo.lastIndexOf(`${id},Đảng bộ xã`)))[1] }));
  }
  writeFileSync(path.join(whole, 'organizations.csv'), wo);
  writeFileSync(path.join(whole, 'members.csv'), wm.join(''));
  writeFileSync(path.join(whole, 'report.json'), '{ "unit": "tỉnh Thử Nghiệm" }\n');
  writeFileSync(stamp, want);
}

const ROLLUP = opt('--rollup', '100x5k');
if (ROLLUP !== 'none') {
  const [units, per] = ROLLUP.split('x').map((x) => Number(x.replace(/k$/, '000')));
  const runs = Number(RUNS_OPT ?? 5);
  const whole = path.join(tmpdir(), `assess-bench-rollup-${ROLLUP}`);
  const parent = path.join(tmpdir(), `assess-bench-rollup-${ROLLUP}-units`);
  process.stdout.write(`\nroll-up, ${units} units × ${per.toLocaleString('en')} members: ${parent} … `);
  generateRollup(whole, parent, units, per);
  console.log(`${runs} rounds, median`);
  const meta = path.join(whole, 'report.json');
  const outs = [path.join(tmpdir(), 'assess-bench-rollup-whole.json'), path.join(tmpdir(), 'assess-bench-rollup-units.json')];
  const t = alternate([
    ['whole', process.execPath, report(whole, 2026, '--format', 'json'), { out: outs[0] }],
    ['units', process.execPath, [BIN, 'report', '--year', '2026', '--format', 'json', '--meta', meta, '--units', parent], { out: outs[1] }],
  ], runs);
  const n = units * per;
  line('assess report --format json, one folder', t.whole, n);
  line(`assess report --format json, --units (${units} folders)`, t.units, n);
  const blocks = (f) => { const j = JSON.parse(readFileSync(f, 'utf8')); return JSON.stringify([j.baseOrganizations, j.cells, j.members, j.upperCommittees, j.byUpper]); };
  const same = blocks(outs[0]) === blocks(outs[1]);
  console.log(`  ${units} folders ≤ one folder: ${t.units.wall.toFixed(2)} s vs ${t.whole.wall.toFixed(2)} s (${(t.units.wall / t.whole.wall).toFixed(2)} ×), the same figures block for block: ${same ? 'yes' : 'NO'}: ${verdict(t.units.wall <= t.whole.wall && same)}`);
}

const at6 = bySize.find((r) => r.size === '6M');
const at12 = bySize.find((r) => r.size === '12M');
console.log('\ntargets (issue 16; ratios from the same rounds)');
if (at6?.duck2) console.log(`  6M plain ≤ 1.0 × DuckDB (2 threads), ≤ 300 MB: ${(at6.json.wall / at6.duck2.wall).toFixed(2)} ×, ${at6.json.rss.toFixed(0)} MB: ${verdict(at6.json.wall <= at6.duck2.wall && at6.json.rss <= 300)}`);
if (dialects?.t.duck2) {
  for (const k of ['quoted', 'utf16', 'duplicate']) {
    const r = dialects.t[k];
    console.log(`  ${k} ≤ 1.5 × DuckDB on the plain file, ≤ 400 MB, the plain file's answers: ${(r.wall / dialects.t.duck2.wall).toFixed(2)} ×, ${r.rss.toFixed(0)} MB: ${verdict(r.wall <= 1.5 * dialects.t.duck2.wall && r.rss <= 400 && dialects.same[k])}`);
  }
}
if (at12) console.log(`  12M peak RSS ≤ 400 MB (linear time: the marginal cost below): ${at12.json.rss.toFixed(0)} MB: ${verdict(at12.json.rss <= 400)}`);
console.log(`  Bắc Bình ≤ 1.5 × node -e '': ${bb.wall.toFixed(3)} s vs ${(1.5 * nodeBare.wall).toFixed(3)} s (${(bb.wall / nodeBare.wall).toFixed(2)} ×): ${verdict(bb.wall <= 1.5 * nodeBare.wall)}`);
const big = bySize.reduce((a, b) => (b.rows > a.rows ? b : a));
if (big.miller) console.log(`  (at ${big.size}: Miller's bare count ${big.miller.wall.toFixed(2)} s, assess ${big.json.wall.toFixed(2)} s)`);

// How cost grows with size. "Per row, less the one-row run": what each row costs on average once start-up
// is paid; it still carries the JIT's warm-up (the scanning code runs interpreted for its first thousands
// of rows), a fixed cost a one-row run never pays, so it reads high at small sizes. "Marginal": the cost of
// each row added from one size to the next, (wall₂ − wall₁) / (rows₂ − rows₁): every fixed cost cancels,
// so it is flat when the run is linear in its rows. Memory alike: peak RSS added per row added.
console.log('\ncost per row as the input grows (assess report --format json)');
console.log(`  ${'size'.padEnd(6)} ${'rows'.padStart(10)} ${'wall'.padStart(9)} ${'per row, less one-row run'.padStart(26)} ${'marginal per row'.padStart(17)} ${'peak RSS'.padStart(9)} ${'RSS added per row'.padStart(18)}`);
const sorted = [...bySize].sort((a, b) => a.rows - b.rows);
const marginals = [];
sorted.forEach((r, i) => {
  const p = sorted[i - 1];
  const perRow = ((r.json.wall - fixed.wall) / r.rows) * 1e9;
  const marginal = p ? ((r.json.wall - p.json.wall) / (r.rows - p.rows)) * 1e9 : NaN;
  const rssPerRow = p ? ((r.json.rss - p.json.rss) * 1024 * 1024) / (r.rows - p.rows) : NaN;
  if (p) marginals.push(marginal);
  const ns = (x) => (Number.isNaN(x) ? '' : `${x.toFixed(0)} ns`);
  console.log(`  ${r.size.padEnd(6)} ${r.rows.toLocaleString('en').padStart(10)} ${`${r.json.wall.toFixed(3)} s`.padStart(9)} ${ns(perRow).padStart(26)} ${ns(marginal).padStart(17)} ${`${r.json.rss.toFixed(0)} MB`.padStart(9)} ${(Number.isNaN(rssPerRow) ? '' : `${rssPerRow.toFixed(0)} B`).padStart(18)}`);
});
if (marginals.length >= 2) {
  const mean = marginals.reduce((a, b) => a + b, 0) / marginals.length;
  const worst = Math.max(...marginals.map((m) => Math.abs(m / mean - 1)));
  console.log(`  marginal cost per row flat within ±25 % from ${sorted[0].size} to ${sorted.at(-1).size}: ${marginals.map((m) => `${m.toFixed(0)}`).join(', ')} ns, at most ${(worst * 100).toFixed(0)} % from their mean: ${verdict(worst <= 0.25)}`);
  const intercept = sorted[0].json.wall - (sorted[0].rows * marginals[0]) / 1e9;
  console.log(`  fixed cost of a run (the line through the two smallest sizes, at zero rows): ${intercept.toFixed(3)} s, of which start-up (the one-row run) ${fixed.wall.toFixed(3)} s and warm-up ${(intercept - fixed.wall).toFixed(3)} s`);
} else console.log('  (three sizes or more, e.g. --size 30k,300k,6M, tell whether the marginal cost stays flat)');
