// The header block, signature and recipients of the Word report (src/report/docx/header.ts), derived from
// report.json: each unit's level gives its committee, the committee above, the symbol of its documents.
import { describe, expect, it } from 'vitest';
import { headerOf } from '../src/report/docx/header.js';
import type { ReportMeta } from '../src/report/metadata.js';

describe('headerOf', () => {
  it.each<[string, ReportMeta, number, { superior: string | null; issuer: string; number: string; placeDate: string }]>([
    ['a district with its publisher', { unit: 'huyện Bắc Bình', publisher: 'Huyện ủy Bắc Bình', date: '2018-02-06' }, 2017, { superior: 'ĐẢNG BỘ TỈNH ……………', issuer: 'HUYỆN ỦY BẮC BÌNH', number: 'Số       -BC/HU', placeDate: 'Bắc Bình, ngày 06 tháng 02 năm 2018' }],
    ['a district from its unit alone', { unit: 'huyện Bắc Bình' }, 2017, { superior: 'ĐẢNG BỘ TỈNH ……………', issuer: 'HUYỆN ỦY BẮC BÌNH', number: 'Số       -BC/HU', placeDate: 'Bắc Bình, ngày …… tháng …… năm ……' }],
    ['an urban district', { unit: 'quận Hoàn Kiếm', date: '2025-12-15' }, 2025, { superior: 'ĐẢNG BỘ THÀNH PHỐ ……………', issuer: 'QUẬN ỦY HOÀN KIẾM', number: 'Số       -BC/QU', placeDate: 'Hoàn Kiếm, ngày 15 tháng 12 năm 2025' }],
    ['a commune before 2025', { unit: 'Đảng bộ xã Tân Phước', publisher: 'Đảng ủy xã Tân Phước' }, 2019, { superior: 'ĐẢNG BỘ HUYỆN ……………', issuer: 'ĐẢNG ỦY XÃ TÂN PHƯỚC', number: 'Số       -BC/ĐU', placeDate: 'Tân Phước, ngày …… tháng …… năm ……' }],
    ['a commune from 2025 (no districts)', { unit: 'xã Hòa Bình', date: '2026-01-05' }, 2025, { superior: 'ĐẢNG BỘ TỈNH ……………', issuer: 'ĐẢNG ỦY XÃ HÒA BÌNH', number: 'Số       -BC/ĐU', placeDate: 'Hòa Bình, ngày 05 tháng 01 năm 2026' }],
    ['a province', { unit: 'tỉnh Bình Thuận', publisher: 'Tỉnh uỷ Bình Thuận' }, 2017, { superior: null, issuer: 'TỈNH UỶ BÌNH THUẬN', number: 'Số       -BC/TU', placeDate: 'Bình Thuận, ngày …… tháng …… năm ……' }],
    ['every field given', { unit: 'huyện Bắc Bình', superior: 'Đảng bộ tỉnh Bình Thuận', documentNumber: '45-BC/HU', place: 'Chợ Lầu', date: '2018-11-30' }, 2018, { superior: 'ĐẢNG BỘ TỈNH BÌNH THUẬN', issuer: 'HUYỆN ỦY BẮC BÌNH', number: 'Số 45-BC/HU', placeDate: 'Chợ Lầu, ngày 30 tháng 11 năm 2018' }],
    ['nothing known', {}, 2019, { superior: 'ĐẢNG BỘ ……………', issuer: '……………', number: 'Số       -BC/……………', placeDate: '……………, ngày …… tháng …… năm ……' }],
  ])('%s', (_name, meta, year, want) => {
    expect(headerOf(meta, year)).toMatchObject(want);
  });

  it('signs for the Ban Thường vụ by default, for a chi bộ as the chi bộ, or as report.json says', () => {
    expect(headerOf({ publisher: 'Huyện ủy Bắc Bình' }, 2017)).toMatchObject({ onBehalfOf: 'T/M BAN THƯỜNG VỤ', signerTitle: '……………', signerName: '……………' });
    expect(headerOf({ publisher: 'Chi bộ Trường THPT Hàm Mỹ' }, 2019)).toMatchObject({ onBehalfOf: 'T/M CHI BỘ' });
    expect(headerOf({ signer: { onBehalfOf: 'Đảng ủy', title: 'Bí thư', name: 'Trần Thị B' } }, 2019)).toMatchObject({ onBehalfOf: 'T/M ĐẢNG ỦY', signerTitle: 'BÍ THƯ', signerName: 'Trần Thị B' });
  });

  it('lists the recipients, "Lưu" last; blanks to fill in without them', () => {
    expect(headerOf({ recipients: ['Ban Tổ chức Tỉnh ủy', 'Lưu trữ Huyện ủy.'] }, 2019).recipients).toEqual(['- Ban Tổ chức Tỉnh ủy,', '- Lưu trữ Huyện ủy,', '- Lưu.']);
    expect(headerOf({}, 2019).recipients).toEqual(['- ……………,', '- ……………,', '- Lưu.']);
  });
});
