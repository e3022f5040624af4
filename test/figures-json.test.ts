// src/validate/figures-json.ts: a unit's figures.json checked as input, case by case.
import { describe, expect, it } from 'vitest';
import { readFigures } from '../src/validate/figures-json.js';

const by = (x: Record<string, number>) => ({ HTXSNV: 0, HTTNV: 0, HTNV: 0, KHTNV: 0, UNRANKED: 0, PENDING: 0, ...x });
const GOOD = {
  year: 2026,
  baseOrganizations: { total: 2, committees: 1, byRating: by({ HTTNV: 2 }) },
  cells: { total: 3, committees: 1, byRating: by({ HTTNV: 2, KHTNV: 1 }) },
  members: { total: 20, byRating: by({ HTTNV: 18, UNRANKED: 2 }) },
};
const text = (x: unknown) => JSON.stringify(x, null, 2);
const edit = (f: (x: typeof GOOD & Record<string, unknown>) => void) => {
  const x = structuredClone(GOOD) as typeof GOOD & Record<string, unknown>;
  f(x);
  return text(x);
};

describe('readFigures', () => {
  it('the contract blocks alone are figures (an older assess, or a script, wrote them)', () => {
    const r = readFigures('f.json', text(GOOD), 2026, 2025);
    expect(r.problems).toEqual([]);
    expect(r.figures!.current.members.total).toBe(20);
    expect(r.figures!.previous).toBeUndefined();
  });

  it.each([
    ['not JSON', '{ "year": 2026,', /không phải JSON hợp lệ/, ''],
    ['another year', edit((x) => (x.year = 2025)), /số liệu của năm 2025, không phải năm 2026/, 'year'],
    ['a newer assess', edit((x) => (x.figuresVersion = 9)), /phiên bản mới hơn của assess .*cập nhật assess/, 'figuresVersion'],
    ['an older assess', edit((x) => (x.figuresVersion = 0)), /phiên bản cũ hơn của assess/, 'figuresVersion'],
    ['a count not a number', edit((x) => ((x.members as unknown as Record<string, unknown>).total = '20')), /trường "members.total": cần số/, 'total'],
    ['a block missing', edit((x) => delete (x as Partial<typeof GOOD>).cells), /trường "cells": cần đối tượng/, ''],
    ['ratings that do not add up', edit((x) => (x.members.total = 21)), /đảng viên: cộng các mức xếp loại được 20, khác tổng số 21/, 'total'],
    ['a code of another scheme', edit((x) => ((x.cells.byRating as Record<string, number>).TSVM = 0)), /chi bộ trực thuộc: mã xếp loại "TSVM" không thuộc thang xếp loại năm 2026/, ''],
    ['more committees than organizations', edit((x) => (x.baseOrganizations.committees = 3)), /số đảng bộ cơ sở \(3\) lớn hơn số tổ chức cơ sở đảng \(2\)/, ''],
    ['upper committees inside a unit', edit((x) => (x.upperCommittees = { total: 2, byRating: by({ HTTNV: 2 }) })), /số liệu có 2 đảng bộ cấp trên cơ sở: mỗi thư mục là một đảng bộ cấp trên cơ sở/, ''],
    ['its own row without its byUpper line', edit((x) => (x.upperCommittees = { total: 1, byRating: by({ HTTNV: 1 }) })), /trường byUpper không ghi đúng một đơn vị/, ''],
    [
      'units that do not add up to the blocks',
      edit((x) => (x.units = [{ id: 'B1', name: 'Đảng bộ B1', kind: 'dang_bo_co_so', rating: 'HTTNV', cells: { total: 3, byRating: by({ HTTNV: 2, KHTNV: 1 }) }, members: { total: 20, byRating: by({ HTTNV: 18, UNRANKED: 2 }) } }])),
      /tổ chức cơ sở đảng xếp loại hoàn thành tốt nhiệm vụ: cộng theo từng tổ chức cơ sở đảng \(trường units\) được 1, số liệu chung ghi 2/,
      '',
    ],
  ])('%s: a problem naming the field', (_name, input, message, line) => {
    const r = readFigures('xa/figures.json', input, 2026, null);
    expect(r.figures).toBeUndefined();
    expect(r.problems.map((p) => p.message).join('\n')).toMatch(message);
    expect(r.problems.every((p) => p.file === 'xa/figures.json' && p.code === 'bad-figures')).toBe(true);
    // The line of the field named (the last line holding its key, for a key written in several blocks).
    if (line) expect(r.problems[0]!.line).toBe(input.split('\n').findLastIndex((l) => l.includes(`"${line}"`)) + 1);
  });

  it("the unit's own row (its figures made from rows holding it): its name, rating and score", () => {
    const own = edit((x) => {
      x.upperCommittees = { total: 1, byRating: by({ HTXSNV: 1 }) };
      x.byUpper = [{ id: 'XA', name: 'Đảng bộ xã A', rating: 'HTXSNV' }];
      x.scores = { upperCommittees: { given: 1, average: 92.5, byRating: { HTXSNV: { count: 1, sum: 92.5, average: 92.5, min: 92.5, max: 92.5 } } } };
    });
    const r = readFigures('f.json', own, 2026, null);
    expect(r.problems).toEqual([]);
    expect(r.figures!.own.current).toEqual({ name: 'Đảng bộ xã A', rating: 'HTXSNV', score: 92.5 });
  });

  it("last year's figures are read when they are of the year compared with, and checked the same way", () => {
    const previous = { ...structuredClone(GOOD), year: 2025 };
    expect(readFigures('f.json', text({ ...GOOD, previous }), 2026, 2025).figures!.previous!.year).toBe(2025);
    expect(readFigures('f.json', text({ ...GOOD, previous }), 2026, 2024).figures!.previous).toBeUndefined();
    previous.members.total = 1;
    expect(readFigures('f.json', text({ ...GOOD, previous }), 2026, 2025).problems[0]!.message).toMatch(/đảng viên: cộng các mức xếp loại được 20, khác tổng số 1/);
  });
});
