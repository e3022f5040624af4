// How to fix each kind of problem, in a sentence a clerk can act on: the "Cách sửa" column of
// `validate --format xlsx`. One line per code of src/problems.ts (test/problem-hints.test.ts holds every code
// to a hint); the message of each problem says what and where, the hint what to do about it.
import type { ProblemCode } from '../problems.js';

export const PROBLEM_HINTS: Partial<Record<ProblemCode, string>> = {
  'no-header': 'Thêm dòng tên cột ở đầu tệp (id, name, kind, year, rating… hoặc tên tiếng Việt như Mã, Tên tổ chức, Loại, Năm, Xếp loại).',
  'missing-column': 'Thêm cột còn thiếu, hoặc sửa tên cột cho đúng (xem gợi ý trong thông báo lỗi).',
  'duplicate-column': 'Xóa một trong hai cột trùng nghĩa, hoặc đổi tên cho khác nhau.',
  'field-count': 'Kiểm tra dòng này: số ô phải bằng số cột; thường do dấu phẩy hoặc dấu ngoặc kép thừa trong một ô.',
  'unclosed-quote': 'Đóng dấu ngoặc kép còn thiếu, hoặc xóa dấu ngoặc kép thừa trong ô.',
  'text-after-quote': 'Xóa ký tự thừa sau dấu ngoặc kép đóng, hoặc đặt cả ô trong ngoặc kép.',
  'record-too-long': 'Kiểm tra dòng này: có thể một dấu ngoặc kép không được đóng làm nhiều dòng dồn thành một.',
  'bad-encoding': 'Lưu lại tệp với bảng mã UTF-8 (trong Excel: Lưu thành "CSV UTF-8").',
  'bad-year': 'Ghi năm bằng 4 chữ số, ví dụ 2025 (định dạng cột là Số hoặc Văn bản, không phải Ngày).',
  'empty-cell': 'Điền giá trị vào ô còn trống.',
  'unknown-kind': 'Ghi loại tổ chức là một trong: Đảng bộ cơ sở, Chi bộ cơ sở, Chi bộ trực thuộc.',
  'unknown-rating': 'Ghi xếp loại đúng tên một mức của năm đánh giá (ví dụ Hoàn thành tốt nhiệm vụ), hoặc Không xếp loại, Chưa xếp loại.',
  'rating-scheme': 'Dùng mức xếp loại của năm đánh giá (từ năm 2018: HTXSNV, HTTNV, HTNV, KHTNV; đến năm 2017: TSVM, HTTNV, HTNV, Yếu kém cho tổ chức).',
  'bad-flag': 'Ghi "x" hoặc "có" nếu là tiêu biểu, để trống nếu không.',
  'exemplary-rating': 'Chỉ đánh dấu tiêu biểu cho tổ chức đạt mức cao nhất; bỏ đánh dấu hoặc sửa lại xếp loại.',
  'bad-date': 'Ghi ngày dạng ngày/tháng/năm (ví dụ 03/02/2020) hoặc năm-tháng-ngày (2020-02-03).',
  'future-date': 'Kiểm tra lại ngày vào Đảng: không được sau năm đánh giá.',
  'duplicate-id': 'Mỗi mã chỉ dùng cho một dòng trong năm: sửa mã bị trùng, hoặc xóa dòng lặp.',
  'unknown-org': 'Sửa mã chi bộ cho đúng với một chi bộ trong danh sách tổ chức, hoặc bổ sung chi bộ đó vào danh sách tổ chức.',
  'not-a-cell': 'Đảng viên phải gắn với một chi bộ (chi bộ cơ sở hoặc chi bộ trực thuộc), không gắn với đảng bộ: sửa mã chi bộ.',
  'bad-parent': 'Sửa mã cấp trên thành mã của đảng bộ cơ sở mà chi bộ trực thuộc.',
  'missing-parent': 'Ghi mã đảng bộ cơ sở cấp trên cho chi bộ trực thuộc.',
  'base-with-parent': 'Để trống cột cấp trên của tổ chức cơ sở đảng (hoặc sửa loại thành Chi bộ trực thuộc nếu đây là chi bộ trực thuộc).',
  'no-rows': 'Kiểm tra cột năm và năm đánh giá đã chọn (--year).',
  'bad-metadata': 'Sửa report.json theo thông báo (xem README, mục report.json).',
  'not-csv': 'Mở tệp bằng Excel và lưu lại dạng "CSV UTF-8 (Comma delimited)".',
  'rule-excellent-quota': 'Rà soát lại: số đảng viên hoàn thành xuất sắc nhiệm vụ không quá 20% số hoàn thành tốt nhiệm vụ.',
  'rule-excellent-org': 'Rà soát lại xếp loại của tổ chức: chưa đủ điều kiện hoàn thành xuất sắc nhiệm vụ.',
  'rule-weak-share': 'Rà soát lại xếp loại: theo quy định, đơn vị này phải xếp loại yếu kém.',
};

/** A code that has no hint of its own (a code added without one: the test fails first). */
const FALLBACK = 'Sửa ô hoặc dòng được nêu theo nội dung lỗi.';

export const hintFor = (code: ProblemCode): string => PROBLEM_HINTS[code] ?? FALLBACK;
