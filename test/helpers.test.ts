// Template helpers (src/report/helpers.ts): the Markdown escape, so a value from the data or report.json cannot
// become a heading, a list, a link or raw HTML in the md report.
import { describe, expect, it } from 'vitest';
import { HELPERS } from '../src/report/helpers.js';

const md = HELPERS.md as (s: unknown) => string;

describe('md', () => {
  it.each([
    ['Chi bộ thôn 1', 'Chi bộ thôn 1'],
    ['<script>alert(1)</script>', '\\<script\\>alert(1)\\</script\\>'],
    ['*x* [a](b) `c` _d_ |e|', '\\*x\\* \\[a\\](b) \\`c\\` \\_d\\_ \\|e\\|'],
    ['# Tiêu đề', '\\# Tiêu đề'],
    ['- một', '\\- một'],
    ['+ hai', '\\+ hai'],
    ['1. ba', '1\\. ba'],
    ['=====', '\\====='],
    ['a & b ~c~ !', 'a \\& b \\~c\\~ \\!'],
    ['dòng 1\ndòng 2', 'dòng 1 dòng 2'],
    ['Đảng bộ xã An-Hòa, năm 2025.', 'Đảng bộ xã An-Hòa, năm 2025.'],
  ])('%j → %j', (value, escaped) => expect(md(value)).toBe(escaped));
});
