// How to fix each kind of problem, in a sentence a clerk can act on: the "Cách sửa" column of
// `validate --format xlsx`. One line per code of src/problems.ts (test/problem-hints.test.ts holds every code
// to a hint); the message of each problem says what and where, the hint what to do about it.
import type { ProblemCode } from '../problems.js';

/** Notices are said, not listed: they need no hint. */
type Listed = Exclude<ProblemCode, `notice-${string}`>;

export const PROBLEM_HINTS: Record<Listed, string> = {
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
  'unknown-kind': 'Ghi loại tổ chức là một trong: Đảng bộ cơ sở, Chi bộ cơ sở, Chi bộ trực thuộc, Đảng bộ cấp trên cơ sở, Đảng bộ bộ phận.',
  'unknown-rating': 'Ghi xếp loại đúng tên một mức của năm đánh giá (ví dụ Hoàn thành tốt nhiệm vụ), hoặc Không xếp loại, Chưa xếp loại.',
  'rating-scheme': 'Dùng mức xếp loại của năm đánh giá (từ năm 2018: HTXSNV, HTTNV, HTNV, KHTNV; đến năm 2017: TSVM, HTTNV, HTNV, Yếu kém cho tổ chức).',
  'bad-flag': 'Ghi "x" hoặc "có" nếu là tiêu biểu, để trống nếu không.',
  'exemplary-rating': 'Chỉ đánh dấu tiêu biểu cho tổ chức đạt mức cao nhất; bỏ đánh dấu hoặc sửa lại xếp loại.',
  'bad-date': 'Ghi ngày dạng ngày/tháng/năm (ví dụ 03/02/2020) hoặc năm-tháng-ngày (2020-02-03).',
  'future-date': 'Kiểm tra lại ngày vào Đảng: không được sau năm đánh giá.',
  'excel-error': 'Sửa công thức trong ô này để Excel tính ra giá trị (hoặc gõ thẳng giá trị vào ô), rồi lưu lại tệp.',
  'not-xlsx': 'Mở tệp bằng Excel và lưu lại dưới dạng Sổ làm việc Excel (.xlsx), hoặc lưu thành "CSV UTF-8".',
  'duplicate-id': 'Mỗi mã chỉ dùng cho một dòng trong năm: sửa mã bị trùng, hoặc xóa dòng lặp.',
  'unknown-org': 'Sửa mã chi bộ cho đúng với một chi bộ trong danh sách tổ chức, hoặc bổ sung chi bộ đó vào danh sách tổ chức.',
  'not-a-cell': 'Đảng viên phải gắn với một chi bộ (chi bộ cơ sở hoặc chi bộ trực thuộc), không gắn với đảng bộ: sửa mã chi bộ.',
  'bad-parent': 'Sửa mã cấp trên thành mã của tổ chức mà đơn vị này trực thuộc trong cùng năm (chi bộ trực thuộc: đảng bộ cơ sở hoặc đảng bộ bộ phận; từ năm 2025 cả đảng bộ cấp trên cơ sở); đảng bộ cấp trên cơ sở để trống.',
  'missing-parent': 'Ghi mã tổ chức cấp trên (đảng bộ cơ sở, đảng bộ bộ phận) cho chi bộ trực thuộc hoặc đảng bộ bộ phận.',
  'base-with-parent': 'Để trống cột cấp trên của tổ chức cơ sở đảng, hoặc ghi mã đảng bộ cấp trên cơ sở (đảng bộ xã, phường, khối) mà nó trực thuộc.',
  'bad-score': 'Ghi điểm là một số từ 0 đến 100 (ví dụ 85 hoặc 85,5), hoặc để trống nếu chưa chấm điểm.',
  'score-band': 'Sửa lại điểm hoặc mức xếp loại cho khớp: từ 90 điểm mới được HTXSNV, từ 70 điểm HTTNV, từ 50 điểm HTNV (Quy định số 366-QĐ/TW).',
  'bad-figures': 'Xuất lại tệp số liệu của đơn vị bằng assess report --format json (cùng năm, cùng phiên bản), không sửa tay.',
  'unit-files': 'Đặt vào thư mục của đơn vị cả organizations.csv và members.csv (hoặc .xlsx), hoặc tệp figures.json do assess report --format json in ra cho đơn vị.',
  'unit-upper': 'Chỉ giữ một dòng đảng bộ cấp trên cơ sở trong danh sách của đơn vị, dòng của chính đơn vị (hoặc bỏ cả dòng đó và ghi tên, xếp loại của đơn vị trong report.json).',
  'unit-rating': 'Ghi trường rating trong report.json của đơn vị là một mức xếp loại tổ chức của năm (ví dụ "Hoàn thành tốt nhiệm vụ"), hoặc bỏ trường này nếu chưa xếp loại.',
  'no-rows': 'Kiểm tra cột năm và năm đánh giá đã chọn (--year).',
  'bad-metadata': 'Sửa report.json theo thông báo (xem README, mục report.json).',
  'not-csv': 'Mở tệp bằng Excel và lưu lại dạng "CSV UTF-8 (Comma delimited)".',
  'rule-excellent-quota': 'Rà soát lại: số hoàn thành xuất sắc nhiệm vụ không quá 20% số hoàn thành tốt nhiệm vụ (chỉ đến 25% khi cấp có thẩm quyền cho phép).',
  'rule-excellent-quota-max': 'Rà soát lại: số hoàn thành xuất sắc nhiệm vụ không được vượt 25% số hoàn thành tốt nhiệm vụ.',
  'rule-excellent-disciplined': 'Rà soát lại: tập thể có tổ chức trực thuộc hoặc thành viên lãnh đạo bị kỷ luật thì không xếp loại hoàn thành xuất sắc nhiệm vụ.',
  'rule-not-rated-reason': 'Từ năm 2025, đảng viên nghỉ ốm, nghỉ thai sản, sinh hoạt tạm thời vẫn được đánh giá, xếp loại: ghi mức xếp loại cho đảng viên này.',
  'rule-newly-admitted': 'Đối chiếu ngày vào Đảng với ngày đánh giá: chưa đủ 6 tháng thì không xếp loại, đủ 6 tháng thì phải xếp loại.',
  'rule-excellent-org': 'Rà soát lại xếp loại của tổ chức: chưa đủ điều kiện hoàn thành xuất sắc nhiệm vụ.',
  'rule-weak-share': 'Rà soát lại xếp loại: theo quy định, đơn vị này phải xếp loại yếu kém.',
};

/** A notice has no hint (notices are not listed in the workbook). */
export const hintFor = (code: ProblemCode): string => (code.startsWith('notice-') ? '' : PROBLEM_HINTS[code as Listed]);
