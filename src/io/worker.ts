// A worker thread's side of the parallel members scan: reads its byte range of the file (a UTF-16 file
// transcoded as it is read) and runs the same scanRange the main thread runs, then sends the results back
// (typed arrays moved, not copied).
import { parentPort, workerData } from 'node:worker_threads';
import { scanRange, type ScanJob } from '../fast/scan-members.js';
import type { CellTableData } from '../fast/cell-table.js';
import { packedScanOrgs, packResult, type PackedOrgs } from '../fast/parallel.js';
import { counted, readRange } from './parallel.js';
import type { Encoding } from '../read/decode.js';
import { toUtf8 } from '../read/utf16.js';

const data = workerData as { path: string; start: number; end: number; encoding: Encoding; job: ScanJob; orgs: PackedOrgs; tables: [number, CellTableData][] };
let read = 0;
const chunks = counted(readRange(data.path, data.start, data.end), (n) => {
  read += n;
  parentPort!.postMessage({ progress: read });
});
const result = await scanRange(data.job, packedScanOrgs(data.orgs, data.tables), toUtf8(chunks, data.encoding));
const { packed, transfer } = packResult(result);
parentPort!.postMessage(packed, transfer);
