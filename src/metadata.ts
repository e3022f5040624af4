// report.json: the report's metadata, all optional. Unknown fields are refused (a typo would otherwise
// vanish silently from an official report). Documented field by field in the README.
import * as z from 'zod/mini';

const isoDate = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'cần ngày dạng YYYY-MM-DD, ví dụ 2018-02-06' }),
  z.refine((s: string) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }, { error: 'ngày không có thật' }),
);

const line = z.string().check(z.trim(), z.minLength(1, { error: 'không được để trống' }));

export const reportMeta = z.strictObject({
  /** The reporting unit, as it reads inside a sentence: "huyện Bắc Bình". */
  unit: z.optional(line),
  /** Who publishes the report (a banner line): "Huyện ủy Bắc Bình". */
  publisher: z.optional(line),
  /** Publication date. */
  date: z.optional(isoDate),
  /** The body that issued the documents below: "Ban Thường vụ Huyện ủy". */
  issuer: z.optional(line),
  /** The plans, decisions and guidance the review followed. */
  documents: z.optional(z.array(z.strictObject({ title: line, number: line, date: z.optional(isoDate), about: z.optional(line) }))),
  /** The working groups that guided and supervised the review. */
  workingGroups: z.optional(z.strictObject({ count: z.int().check(z.positive({ error: 'cần một số nguyên dương' })), ledBy: z.optional(line) })),
  /** Narrative after the figures: shortcomings, tasks ahead. */
  sections: z.optional(z.array(z.strictObject({ heading: z.optional(line), text: line }))),
  /** The author's name, printed last. */
  byline: z.optional(line),
});

export type ReportMeta = z.output<typeof reportMeta>;

const TYPE_NAMES: Record<string, string> = { string: 'chữ', number: 'số', int: 'số nguyên', object: 'đối tượng {…}', array: 'danh sách […]' };

/** zod/mini ships no messages: these are ours, in Vietnamese, for what a hand-written report.json gets wrong. */
export function metaMessage(issue: { code: string; expected?: string; keys?: string[] }): string | undefined {
  if (issue.code === 'invalid_type') return `cần ${TYPE_NAMES[issue.expected ?? ''] ?? issue.expected}`;
  if (issue.code === 'unrecognized_keys') return `trường không có trong report.json: ${(issue.keys ?? []).join(', ')}`;
  return undefined;
}
