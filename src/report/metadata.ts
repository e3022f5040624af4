// report.json: the report's metadata, all optional. Unknown fields are refused (a typo would otherwise
// vanish silently from an official report). Documented field by field in the README.
import * as z from 'zod/mini';

/** Our own messages: what zod reports with them is said as it is (zod/mini's own messages are English). */
const SAID = {
  dateForm: 'cần ngày dạng YYYY-MM-DD, ví dụ 2018-02-06',
  noSuchDate: 'ngày không có thật',
  blank: 'không được để trống',
  positive: 'cần một số nguyên dương',
  score: 'điểm từ 0 đến 100',
  yearKey: 'mỗi khóa là một năm 4 chữ số, ví dụ "2026"',
} as const;
const OWN_MESSAGES = new Set<string>(Object.values(SAID));

const isoDate = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: SAID.dateForm }),
  z.refine((s: string) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }, { error: SAID.noSuchDate }),
);

const line = z.string().check(z.trim(), z.minLength(1, { error: SAID.blank }));

export const reportMeta = z.strictObject({
  /** The reporting unit, as it reads inside a sentence: "huyện Bắc Bình". */
  unit: z.optional(line),
  /** Who publishes the report (a banner line): "Huyện ủy Bắc Bình". */
  publisher: z.optional(line),
  /**
   * The unit's own rating, when the folder is one unit of a roll-up (a code or name of the year's scheme):
   * "Hoàn thành tốt nhiệm vụ"; or one per year: { "2026": "HTTNV", "2025": "HTXSNV" }.
   */
  rating: z.optional(z.union([line, z.record(z.string().check(z.regex(/^\d{4}$/, { error: SAID.yearKey })), line)])),
  /** The unit's own 100-point score (Quy định 366), in a roll-up beside `rating`: 84.5, or one per year. */
  score: z.optional(z.union([z.number().check(z.gte(0, { error: SAID.score }), z.lte(100, { error: SAID.score })), z.record(z.string().check(z.regex(/^\d{4}$/, { error: SAID.yearKey })), z.number().check(z.gte(0, { error: SAID.score }), z.lte(100, { error: SAID.score })))])),
  /** Publication date. */
  date: z.optional(isoDate),
  /** The day the rating is made on (from 2025: a member admitted less than 6 months before it is not rated); default 31/12 of the year. */
  ratingDate: z.optional(isoDate),
  /** The body that issued the documents below: "Ban Thường vụ Huyện ủy". */
  issuer: z.optional(line),
  /** The plans, decisions and guidance the review followed. */
  documents: z.optional(z.array(z.strictObject({ title: line, number: line, date: z.optional(isoDate), about: z.optional(line) }))),
  /** The working groups that guided and supervised the review. */
  workingGroups: z.optional(z.strictObject({ count: z.int().check(z.positive({ error: SAID.positive })), ledBy: z.optional(line) })),
  /** Narrative after the figures: shortcomings, tasks ahead. */
  sections: z.optional(z.array(z.strictObject({ heading: z.optional(line), text: line }))),
  /** The author's name, printed last. */
  byline: z.optional(line),
  // The Word report (--format docx, Hướng dẫn 36-HD/VPTW): each left blank to fill in by hand when absent.
  /** The document's number and symbol, without "Số": "45-BC/HU". */
  documentNumber: z.optional(line),
  /** Where it is issued, before its date: "Bắc Bình". */
  place: z.optional(line),
  /** The party committee above the publisher, the header's first line: "Đảng bộ tỉnh Bình Thuận". */
  superior: z.optional(line),
  /** Who signs: "T/M Ban Thường vụ" (onBehalfOf: "Ban Thường vụ"), the title ("Phó Bí thư") and the name. */
  signer: z.optional(z.strictObject({ onBehalfOf: z.optional(line), title: z.optional(line), name: z.optional(line) })),
  /** Nơi nhận: "Ban Tổ chức Tỉnh ủy"; "Lưu" is added last. */
  recipients: z.optional(z.array(line)),
});

export type ReportMeta = z.output<typeof reportMeta>;

const TYPE_NAMES: Record<string, string> = { string: 'chữ', number: 'số', int: 'số nguyên', object: 'đối tượng {…}', array: 'danh sách […]' };

/** zod/mini ships no messages (its fallback is English): these are ours, in Vietnamese, for what a hand-written report.json gets wrong. */
export function metaMessage(issue: { code: string; expected?: string; keys?: string[]; message?: string; origin?: string }): string {
  if (issue.code === 'invalid_type') return `cần ${TYPE_NAMES[issue.expected ?? ''] ?? 'giá trị khác kiểu'}`;
  if (issue.code === 'unrecognized_keys') return `trường không có trong report.json: ${(issue.keys ?? []).join(', ')}`;
  // Our own checks carry their message; zod's own (a number past the safe range, …) carry English.
  if (issue.message && OWN_MESSAGES.has(issue.message)) return issue.message;
  const text = issue.origin === 'string' || issue.origin === 'array';
  if (issue.code === 'too_big') return text ? 'dài quá' : 'số lớn quá';
  if (issue.code === 'too_small') return text ? 'ngắn quá' : 'số nhỏ quá';
  return 'giá trị không hợp lệ';
}

/** Line and column (both from 1; the column in characters) of a UTF-16 index into `text`. */
export function lineAndColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const start = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: [...before.slice(start)].length + 1 };
}

/** A character as a message shows it. */
function shown(c: string): string {
  if (c === '"') return 'dấu ngoặc kép "';
  if (c === "'") return "dấu nháy đơn '";
  if (/[\p{Cc}\p{Cf}\s]/u.test(c)) return `ký tự mã U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return `"${c}"`;
}

/** What a mistyped value or key begins with, said with a hint for the usual slips. */
function unexpected(text: string, i: number, expected: string): string {
  const c = String.fromCodePoint(text.codePointAt(i)!);
  if (c === "'") return `${expected}: JSON dùng dấu ngoặc kép ", không dùng dấu nháy đơn '`;
  if (c === '\u201c' || c === '\u201d') return `${expected}: dấu ngoặc kép cong “ ” (do trình soạn thảo tự đổi) không dùng được, cần gõ dấu ngoặc kép thẳng "`;
  const word = /[\p{L}_$][\p{L}\p{N}_$]*/uy;
  word.lastIndex = i;
  const m = word.exec(text);
  if (m) return `${expected}, nhưng gặp chữ ${JSON.stringify(m[0])} không nằm trong ngoặc kép (chữ phải viết trong ngoặc kép "…"; true, false, null viết thường)`;
  return `${expected}, nhưng gặp ${shown(c)}`;
}

/**
 * Where and why `text` is not JSON, in Vietnamese (JSON.parse says it in English, and without a position
 * for some mistakes); undefined when it is JSON. Iterative: a file of a million "[" does not overflow.
 */
export function jsonSyntaxError(text: string): { index: number; message: string } | undefined {
  const n = text.length;
  const open: { kind: '{' | '['; at: number }[] = [];
  let i = 0;
  const skip = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const fail = (index: number, message: string) => ({ index, message });
  const ended = () => {
    const top = open.at(-1);
    if (!top) return fail(n, 'tệp kết thúc khi còn thiếu một giá trị');
    const { line } = lineAndColumn(text, top.at);
    return fail(n, top.kind === '{' ? `tệp kết thúc giữa chừng: thiếu dấu "}" đóng đối tượng mở ở dòng ${line}` : `tệp kết thúc giữa chừng: thiếu dấu "]" đóng danh sách mở ở dòng ${line}`);
  };
  /** A string from the quote at i; returns an error, or moves i past it. */
  const string = (): { index: number; message: string } | undefined => {
    const start = i;
    for (let j = i + 1; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x22) {
        i = j + 1;
        return undefined;
      }
      if (c === 0x5c) {
        const e = text[j + 1];
        if (e === undefined) break;
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) return fail(j, 'dãy thoát \\u cần đúng 4 chữ số thập lục phân (ví dụ \\u00e0)');
          j += 5;
        } else if ('"\\/bfnrt'.includes(e)) j += 1;
        else return fail(j, `dãy thoát "\\${e}" không hợp lệ trong chuỗi (muốn viết dấu \\ thì gõ \\\\)`);
      } else if (c < 0x20) {
        return fail(j, c === 0x0a || c === 0x0d ? 'chuỗi xuống dòng khi chưa đóng ngoặc kép (thiếu dấu " ở cuối, hoặc cần viết \\n thay cho xuống dòng)' : `chuỗi chứa ký tự điều khiển (${shown(text[j]!)})`);
      }
    }
    return fail(start, 'chuỗi bắt đầu ở đây không được đóng bằng dấu ngoặc kép "');
  };
  let state: 'value' | 'key' | 'after' = 'value';
  let comma = false; // the token before was a comma (a trailing comma is a common slip)
  for (;;) {
    skip();
    if (text.startsWith('//', i) || text.startsWith('/*', i)) return fail(i, 'JSON không cho phép viết chú thích (// hoặc /* */)');
    if (state === 'value') {
      if (i >= n) return ended();
      const c = text[i]!;
      if (c === '{' || c === '[') {
        open.push({ kind: c, at: i });
        i++;
        skip();
        if (text[i] === (c === '{' ? '}' : ']')) {
          open.pop();
          i++;
          state = 'after';
        } else state = c === '{' ? 'key' : 'value';
        comma = false;
        continue;
      }
      if (c === '"') {
        const e = string();
        if (e) return e;
      } else if (c === '-' || (c >= '0' && c <= '9')) {
        const loose = /-?[0-9]*(\.[0-9]*)?([eE][+-]?[0-9]*)?/y;
        loose.lastIndex = i;
        const token = loose.exec(text)![0];
        if (!/^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(token)) return fail(i, `số viết sai: ${JSON.stringify(token)} (số trong JSON viết như 10, 2.5 hoặc -3: dấu chấm thập phân, không có số 0 thừa ở đầu)`);
        i += token.length;
      } else if (text.startsWith('true', i) || text.startsWith('null', i)) i += 4;
      else if (text.startsWith('false', i)) i += 5;
      else if (comma && c === ']') return fail(i, 'dấu phẩy thừa trước "]"');
      else return fail(i, unexpected(text, i, 'cần một giá trị (chuỗi trong ngoặc kép, số, true, false, null, đối tượng {…} hoặc danh sách […])'));
      state = 'after';
      comma = false;
    } else if (state === 'key') {
      if (i >= n) return ended();
      if (text[i] !== '"') return fail(i, comma && text[i] === '}' ? 'dấu phẩy thừa trước "}"' : unexpected(text, i, 'cần tên trường trong ngoặc kép "…"'));
      const e = string();
      if (e) return e;
      skip();
      if (i >= n) return ended();
      if (text[i] !== ':') return fail(i, `sau tên trường cần dấu hai chấm ":", nhưng gặp ${shown(text[i]!)}`);
      i++;
      state = 'value';
      comma = false;
    } else {
      const top = open.at(-1);
      if (!top) return i < n ? fail(i, `có nội dung thừa sau khi JSON đã kết thúc (${shown(text[i]!)})`) : undefined;
      if (i >= n) return ended();
      const close = top.kind === '{' ? '}' : ']';
      if (text[i] === ',') {
        i++;
        state = top.kind === '{' ? 'key' : 'value';
        comma = true;
      } else if (text[i] === close) {
        open.pop();
        i++;
      } else if (top.kind === '{') {
        return fail(i, text[i] === '"' ? 'thiếu dấu phẩy "," trước trường này' : `sau một giá trị cần dấu phẩy "," rồi trường tiếp theo, hoặc dấu "}" đóng đối tượng, nhưng gặp ${shown(text[i]!)}`);
      } else {
        return fail(i, `giữa các phần tử của danh sách cần dấu phẩy ",", hoặc dấu "]" để đóng danh sách, nhưng gặp ${shown(text[i]!)}`);
      }
    }
  }
}
