#!/usr/bin/env node
// The installed command: everything lives in the built CLI (npm run build, run on install by "prepare").
import { main } from '../dist/cli.js';

// stdout can fail under a write nobody waits for (the help, on a full disk): without a listener Node would
// end with its stack trace. The report's own writes say their failure themselves (exit 2); this says the
// others', once, the same way. A reader that went away (`| head -1`) is not an error.
const REASONS = {
  ENOSPC: 'ổ đĩa đã đầy',
  EDQUOT: 'đã vượt hạn mức dung lượng được cấp trên ổ đĩa',
  EFBIG: 'tệp vượt quá kích thước hệ thống cho phép',
  EIO: 'lỗi đọc ghi của thiết bị',
  EBADF: 'đầu ra chuẩn đã bị đóng',
  EAGAIN: 'đầu ra chuẩn tạm thời không nhận dữ liệu',
};
let failed;
process.stdout.on('error', (e) => {
  if (e.code !== 'EPIPE') failed ??= e;
});
// stderr that fails (2>/dev/full) leaves nowhere to say anything: the exit code still says how the run went.
process.stderr.on('error', () => {});
process.on('exit', () => {
  if (!failed || (process.exitCode !== undefined && process.exitCode !== 0)) return; // said already, or a worse failure
  const why = REASONS[failed.code] ?? (failed.code ? `lỗi hệ thống (mã lỗi ${failed.code})` : 'lỗi hệ thống không rõ nguyên nhân');
  process.stderr.write(`assess: lỗi: không ghi được ra đầu ra chuẩn (stdout): ${why}\n`);
  process.exitCode = 2;
});

main(process.argv.slice(2));
