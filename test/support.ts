// Shared test helpers: run the built CLI, make scratch data folders, feed text through the checkers.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { finalize, type Figures, type MemberCounts } from '../src/figures/aggregate.js';
import type { OrgTable } from '../src/figures/org-table.js';
import { checkMembers, checkOrganizations } from '../src/check.js';
import type { Encoding } from '../src/read/decode.js';
import type { Batch, TableSource } from '../src/read/source.js';
import { toUtf8 } from '../src/read/utf16.js';
import type { Problem } from '../src/problems.js';
import { dropUndecodable, sniffDelimiter, Tokenizer } from '../src/read/tokenize.js';
import { scratch } from './temp.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(ROOT, 'bin', 'assess.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `assess` as a user would, without colour unless asked. */
export function assess(args: string[], opts: { cwd?: string; env?: Record<string, string>; input?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    input: opts.input ?? '',
    maxBuffer: 1 << 28,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temp folder, removed after the test file (test/temp.ts). */
export { scratch } from './temp.js';

/** Writes a data folder from CSV text (and report.json when given); returns its path. */
export function dataDir(files: { organizations?: string; members?: string; report?: unknown }, dir = scratch()): string {
  mkdirSync(dir, { recursive: true });
  if (files.organizations !== undefined) writeFileSync(path.join(dir, 'organizations.csv'), files.organizations);
  if (files.members !== undefined) writeFileSync(path.join(dir, 'members.csv'), files.members);
  if (files.report !== undefined) writeFileSync(path.join(dir, 'report.json'), typeof files.report === 'string' ? files.report : JSON.stringify(files.report));
  return dir;
}

/** The string path as io/read-table.ts feeds it: decoded text, undecodable records turned into issues. */
async function* batches(text: string): AsyncGenerator<Batch> {
  const t = new Tokenizer(sniffDelimiter(text));
  const issues: Batch['issues'] = [];
  const records = dropUndecodable([...t.push(text, issues), ...t.end(issues)], issues);
  yield { records, issues };
}

/** Runs the validate and aggregate stages on CSV text, with no file involved. */
export async function checkText(organizations: string, members: string, year: number): Promise<{ problems: Problem[]; figures: Figures | undefined }> {
  const problems: Problem[] = [];
  const orgs = await checkOrganizations('organizations.csv', { batches: () => batches(organizations) }, new Set([year]), problems);
  const counts = await checkMembers('members.csv', { batches: () => batches(members) }, new Set([year]), orgs.result, problems);
  const figures = orgs.result && problems.length === 0 ? finalize(orgs.result.get(year)!, counts.result.get(year)!) : undefined;
  return { problems, figures };
}

/** The same, stopping before the figures: the year's organizations and member counts (a roll-up's unit). */
export async function checkPart(organizations: string, members: string, year: number): Promise<{ problems: Problem[]; orgs: OrgTable | undefined; counts: MemberCounts | undefined }> {
  const problems: Problem[] = [];
  const orgs = await checkOrganizations('organizations.csv', { batches: () => batches(organizations) }, new Set([year]), problems);
  const counts = await checkMembers('members.csv', { batches: () => batches(members) }, new Set([year]), orgs.result, problems);
  return { problems, orgs: orgs.result?.get(year), counts: counts.result.get(year) };
}

/** A small valid district: 2 committees (DB1 with 2 cells, DB2 with 1), 1 base cell CB1. */
export const SMALL = {
  organizations: [
    'id,name,kind,parent_id,year,rating',
    'DB1,Đảng bộ xã An Hòa,dang_bo_co_so,,2017,TSVM',
    'DB2,Đảng bộ xã Bình Minh,dang_bo_co_so,,2017,HTNV',
    'CB1,Chi bộ Trường THPT,chi_bo_co_so,,2017,YEU',
    'DB1-C1,Chi bộ thôn 1,chi_bo_truc_thuoc,DB1,2017,TSVM',
    'DB1-C2,Chi bộ thôn 2,chi_bo_truc_thuoc,DB1,2017,HTTNV',
    'DB2-C1,Chi bộ thôn 3,chi_bo_truc_thuoc,DB2,2017,YEU',
    '',
  ].join('\n'),
  members: [
    'id,name,org_id,year,rating,reason',
    'DV1,Nguyễn Văn An,DB1-C1,2017,HTXSNV,',
    'DV2,Trần Thị Bình,DB1-C1,2017,HTTNV,',
    'DV3,Lê Văn Cường,DB1-C2,2017,HTTNV,',
    'DV4,Phạm Thị Dung,DB2-C1,2017,HTNV,',
    'DV5,Hồ Văn Em,DB2-C1,2017,KHTNV,',
    'DV6,Võ Thị Giang,CB1,2017,UNRANKED,Miễn sinh hoạt',
    'DV7,Đặng Văn Hải,CB1,2017,,Đi làm ăn xa',
    'DV8,Bùi Thị Hoa,CB1,2017,HTNV_HC,',
    '',
  ].join('\n'),
};

/** The encoding a file's byte-order mark announces (UTF-8 without one), and the mark's length. */
function bomOf(bytes: Uint8Array): { encoding: Encoding; bom: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  return { encoding: 'utf-8', bom: 0 };
}

/**
 * A file's bytes as the checkers read them: in chunks of `chunk`, down the byte path whatever their size
 * (`bytePath`; UTF-16 transcoded as io/read-table.ts does), or as text (decoded as the string path decodes).
 */
export function bytesSource(bytes: Buffer, chunk: number, bytePath: boolean): TableSource {
  const { encoding, bom } = bomOf(bytes);
  const body = bytes.subarray(bom);
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(body);
  return {
    batches: () => batches(text),
    raw: bytePath
      ? async () => ({
          encoding,
          size: bytes.length,
          bom,
          close: () => {},
          chunks: toUtf8(
            (async function* () {
              for (let i = 0; i < body.length; i += chunk) yield body.subarray(i, i + chunk);
            })(),
            encoding,
          ),
        })
      : undefined,
  };
}

/** Every fixture folder (the districts, the 2026 commune and province, and the bad-input catalogue), with the year it is about. */
export function fixtureFolders(): [string, number][] {
  const dirs = [
    ...['bac-binh-2017', 'ham-my-2019', 'dang-bo-xa-2019', 'xa-hoa-binh-2026', 'tinh-hoa-an-2026'].map((d) => path.join(ROOT, 'fixtures', d)),
    ...readdirSync(path.join(ROOT, 'fixtures', 'bad')).filter((d) => !d.endsWith('.md')).map((d) => path.join(ROOT, 'fixtures', 'bad', d)),
  ];
  return dirs.map((dir) => {
    const named = /(\d{4})$/.exec(dir)?.[1];
    return [dir, named ? Number(named) : (JSON.parse(readFileSync(path.join(dir, 'expect.json'), 'utf8')) as { year: number }).year];
  });
}
