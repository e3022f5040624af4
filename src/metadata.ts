// report.json: the report's metadata, all optional. Unknown fields are refused (a typo would otherwise
// vanish silently from an official report). Documented field by field in the README.
import { z } from 'zod';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'cần ngày dạng YYYY-MM-DD, ví dụ 2018-02-06' })
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }, { error: 'ngày không có thật' });

const line = z.string().trim().min(1, { error: 'không được để trống' });

export const reportMeta = z.strictObject({
  /** The reporting unit, as it reads inside a sentence: "huyện Bắc Bình". */
  unit: line.optional(),
  /** Who publishes the report (a banner line): "Huyện ủy Bắc Bình". */
  publisher: line.optional(),
  /** Publication date. */
  date: isoDate.optional(),
  /** The body that issued the documents below: "Ban Thường vụ Huyện ủy". */
  issuer: line.optional(),
  /** The plans, decisions and guidance the review followed. */
  documents: z
    .array(z.strictObject({ title: line, number: line, date: isoDate.optional(), about: line.optional() }))
    .optional(),
  /** The working groups that guided and supervised the review. */
  workingGroups: z.strictObject({ count: z.number().int().positive(), ledBy: line.optional() }).optional(),
  /** Narrative after the figures: shortcomings, tasks ahead. */
  sections: z.array(z.strictObject({ heading: line.optional(), text: line })).optional(),
  /** The author's name, printed last. */
  byline: line.optional(),
});

export type ReportMeta = z.output<typeof reportMeta>;
