#!/usr/bin/env node
// `npm audit --omit=dev`, for CI: fails on any advisory against a runtime dependency. When the
// registry offers no audit endpoint (some mirrors answer 405), it says so plainly and does not fail:
// that is the registry's limit, not a finding. Run: node scripts/audit.mjs
import { spawnSync } from 'node:child_process';

const r = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
let report;
try {
  report = JSON.parse(r.stdout);
} catch {
  console.error(`audit: npm audit printed no report (exit ${r.status}):\n${r.stderr}`);
  process.exit(1);
}
// The endpoint's failure comes back as { statusCode, message } (or { error: { code, summary } }).
const failure = report.statusCode ? { code: `E${report.statusCode}`, summary: report.message ?? '' } : report.error;
if (failure) {
  const { code = '', summary = '' } = failure;
  if (/^E(404|405|501|502|503)$|ENOAUDIT|ECONNREFUSED|ENOTFOUND|ETIMEDOUT/.test(code)) {
    console.log(`audit: SKIPPED, the registry offers no audit endpoint here (${code}: ${String(summary).split('\n')[0]})`);
    process.exit(0);
  }
  console.error(`audit: ${code}: ${summary}`);
  process.exit(1);
}
const v = report.metadata?.vulnerabilities ?? {};
const total = Object.values(v).reduce((s, n) => s + n, 0);
if (total > 0) {
  for (const [name, info] of Object.entries(report.vulnerabilities ?? {})) console.error(`audit: ${name} ${info.severity}: ${info.range}`);
  console.error(`audit: ${total} advisories against runtime dependencies`);
  process.exit(1);
}
console.log(`audit: clean (${report.metadata?.dependencies?.prod ?? '?'} runtime dependencies)`);
