// `assess init DIR`: the starter folder's files, made from one table of example rows. A commune-sized toy: the
// reporting unit (xã Hòa Bình) with a đảng bộ cơ sở (two chi bộ trực thuộc) and a chi bộ cơ sở, ten members,
// two of them not rated (with their reasons); CSV with Vietnamese headers, the same as .xlsx in excel/ (a
// folder of its own: a CSV and an xlsx for one table in one folder is refused), a report.json with every
// field, and HUONG-DAN.txt. The year is a parameter: the rows are of that year, nothing reads the clock.
import { workbookBytes, type SheetData } from './workbook.js';

export interface StarterFile {
  /** Relative to DIR. */
  path: string;
  content: string | Buffer;
}

const ORG_HEADER = ['Mã', 'Tên tổ chức', 'Loại', 'Mã cấp trên', 'Năm', 'Xếp loại', 'Tiêu biểu'];
const MEMBER_HEADER = ['Mã đảng viên', 'Họ và tên', 'Mã chi bộ', 'Năm', 'Xếp loại', 'Lý do', 'Ngày vào Đảng'];

/** The organizations: id, name, kind, parent, rating, exemplary. */
const ORGS: readonly (readonly string[])[] = [
  ['CS01', 'Đảng bộ Công an xã Hòa Bình', 'Đảng bộ cơ sở', '', 'Hoàn thành tốt nhiệm vụ', ''],
  ['CS01-01', 'Chi bộ An ninh', 'Chi bộ trực thuộc', 'CS01', 'Hoàn thành tốt nhiệm vụ', ''],
  ['CS01-02', 'Chi bộ Cảnh sát', 'Chi bộ trực thuộc', 'CS01', 'Hoàn thành tốt nhiệm vụ', ''],
  ['CS02', 'Chi bộ Trường Tiểu học Hòa Bình', 'Chi bộ cơ sở', '', 'Hoàn thành nhiệm vụ', ''],
];

/** The members: id, name, cell, rating, reason, admitted on (day/month, of the year). */
const MEMBERS: readonly (readonly string[])[] = [
  ['DV001', 'Nguyễn Văn An', 'CS01-01', 'Hoàn thành xuất sắc nhiệm vụ', '', ''],
  ['DV002', 'Trần Thị Bình', 'CS01-01', 'Hoàn thành tốt nhiệm vụ', '', ''],
  ['DV003', 'Lê Văn Cường', 'CS01-01', 'Hoàn thành tốt nhiệm vụ', '', ''],
  ['DV004', 'Phạm Thị Dung', 'CS01-01', 'Hoàn thành tốt nhiệm vụ', '', ''],
  ['DV005', 'Hoàng Văn Em', 'CS01-02', 'Hoàn thành tốt nhiệm vụ', '', ''],
  ['DV006', 'Võ Thị Giang', 'CS01-02', 'Hoàn thành tốt nhiệm vụ', '', ''],
  ['DV007', 'Đặng Văn Hải', 'CS01-02', 'Không xếp loại', 'Mới kết nạp', '15/09'],
  ['DV008', 'Bùi Thị Hoa', 'CS02', 'Hoàn thành tốt nhiệm vụ', '', ''],
  ['DV009', 'Đỗ Văn Khánh', 'CS02', 'Hoàn thành nhiệm vụ', '', ''],
  ['DV010', 'Ngô Thị Lan', 'CS02', 'Không xếp loại', 'Miễn sinh hoạt', ''],
];

const orgRows = (year: number) => ORGS.map(([id, name, kind, parent, rating, exemplary]) => [id!, name!, kind!, parent!, year, rating!, exemplary!]);
const memberRows = (year: number) => MEMBERS.map(([id, name, cell, rating, reason, day]) => [id!, name!, cell!, year, rating!, reason!, day ? `${day}/${year}` : '']);

/** A CSV line: a field with a comma, a quote or a line break quoted (none of the examples has one, but a year could). */
const csvLine = (cells: readonly (string | number)[]) => cells.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(',');
const csv = (header: readonly string[], rows: readonly (readonly (string | number)[])[]) => [header, ...rows].map(csvLine).join('\n') + '\n';

/** report.json with every field filled, as an example to change. */
function reportJson(year: number): string {
  const meta = {
    unit: 'xã Hòa Bình',
    publisher: 'Đảng ủy xã Hòa Bình',
    date: `${year + 1}-01-20`,
    ratingDate: `${year}-12-31`,
    // The commune's own rating and score, as the province decides them: read when this folder is one unit of the province's roll-up.
    rating: 'Hoàn thành tốt nhiệm vụ',
    score: 85,
    issuer: 'Ban Thường vụ Đảng ủy xã',
    documents: [
      { title: 'Kế hoạch', number: `15-KH/ĐU`, date: `${year}-11-05`, about: `kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm ${year}` },
      { title: 'Quyết định', number: `120-QĐ/ĐU`, date: `${year + 1}-01-15`, about: `công nhận kết quả đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm ${year}` },
    ],
    workingGroups: { count: 2, ledBy: 'các đồng chí Ủy viên Ban Thường vụ Đảng ủy xã' },
    sections: [
      { heading: 'Hạn chế', text: 'Một số chi bộ tổ chức kiểm điểm còn chậm so với kế hoạch; chất lượng tự phê bình và phê bình có nơi chưa cao.' },
      { heading: 'Nhiệm vụ thời gian tới', text: 'Tiếp tục nâng cao chất lượng sinh hoạt chi bộ; quan tâm bồi dưỡng, giúp đỡ các đảng viên mới kết nạp.' },
    ],
    byline: 'Văn phòng Đảng ủy xã Hòa Bình',
    documentNumber: '25-BC/ĐU',
    place: 'Hòa Bình',
    superior: 'Đảng bộ tỉnh Hòa An',
    signer: { onBehalfOf: 'Ban Thường vụ', title: 'Bí thư', name: 'Nguyễn Văn A' },
    recipients: ['Ban Tổ chức Tỉnh ủy', 'Các chi bộ, đảng bộ trực thuộc'],
  };
  return `${JSON.stringify(meta, null, 2)}\n`;
}

/** HUONG-DAN.txt: what the folder holds and the commands to run, in a few lines (CRLF: Notepad on Windows). */
function guide(year: number): string {
  return [
    'THƯ MỤC DỮ LIỆU MẪU CỦA CHƯƠNG TRÌNH assess',
    '',
    `Thư mục này là một ví dụ nhỏ (năm ${year}): một xã có 1 đảng bộ cơ sở (2 chi bộ trực thuộc), 1 chi bộ cơ sở và 10 đảng viên.`,
    'Hãy thay các dòng ví dụ bằng dữ liệu của đơn vị mình, giữ nguyên dòng tên cột.',
    '',
    '- organizations.csv: danh sách tổ chức đảng, mỗi tổ chức một dòng.',
    '- members.csv: danh sách đảng viên, mỗi đảng viên một dòng; cột "Mã chi bộ" ghi mã của chi bộ nơi đảng viên sinh hoạt.',
    '- report.json: thông tin của báo cáo (tên đơn vị, cơ quan ban hành, các văn bản, người viết...). Có thể xóa các trường không dùng.',
    '  Trường rating và score (xếp loại, điểm của chính đảng bộ xã do cấp trên quyết định) chỉ dùng khi tỉnh tổng hợp nhiều đơn vị.',
    '- excel/: cùng dữ liệu đó dưới dạng sổ làm việc Excel (organizations.xlsx, members.xlsx); các cột mã đã định dạng là Văn bản để Excel',
    '  không làm mất số 0 ở đầu mã. Chỉ dùng một trong hai cách: tệp CSV hoặc tệp Excel, không để cả hai trong cùng một thư mục.',
    '',
    'Các lệnh (chạy trong cửa sổ lệnh, ở thư mục chứa thư mục này):',
    `  assess validate --year ${year} <thư mục>                                kiểm tra dữ liệu, liệt kê lỗi kèm tệp và dòng`,
    `  assess report --year ${year} <thư mục>                                  in báo cáo`,
    `  assess report --year ${year} <thư mục> --format docx --out bao-cao.docx  báo cáo dạng văn bản Word`,
    `  assess report --year ${year} <thư mục> --format xlsx --out bieu-mau.xlsx biểu số liệu dạng Excel`,
    '',
    'Xếp loại ghi bằng mã (HTXSNV, HTTNV, HTNV, KHTNV) hoặc tên đầy đủ ("Hoàn thành tốt nhiệm vụ"); đảng viên không xếp loại ghi',
    '"Không xếp loại" và ghi lý do ở cột "Lý do"; chưa xếp loại thì để trống hoặc ghi "Chưa xếp loại".',
    'Hướng dẫn đầy đủ: docs/huong-dan-su-dung.md trong bộ cài của chương trình.',
    '',
  ].join('\r\n');
}

/** The ids' columns, formatted as Text in the workbooks: organizations Mã, Mã cấp trên; members Mã đảng viên, Mã chi bộ (and the date as text). */
const sheet = (name: string, header: readonly string[], rows: readonly (readonly (string | number)[])[], textColumns: number[]): SheetData => ({ name, header, rows, textColumns });

/** Every file of the starter folder for `year`. */
export function starterFiles(year: number): StarterFile[] {
  const orgs = orgRows(year);
  const members = memberRows(year);
  return [
    { path: 'organizations.csv', content: csv(ORG_HEADER, orgs) },
    { path: 'members.csv', content: csv(MEMBER_HEADER, members) },
    { path: 'report.json', content: reportJson(year) },
    { path: 'HUONG-DAN.txt', content: guide(year) },
    { path: 'excel/organizations.xlsx', content: workbookBytes(sheet('Tổ chức', ORG_HEADER, orgs, [0, 3])) },
    { path: 'excel/members.xlsx', content: workbookBytes(sheet('Đảng viên', MEMBER_HEADER, members, [0, 2, 6])) },
    { path: 'excel/report.json', content: reportJson(year) },
  ];
}
