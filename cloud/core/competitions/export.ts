/**
 * 成绩.xlsx for the organiser: one sheet per event (rank, name, unit, each part, total, prize,
 * checked in), and one of team scores where there are any. Built with exceljs, in the cloud only
 * (nothing under src/ imports it, so the mini program never carries it). Loaded on the first
 * export, not with the function: it is most of the competitions bundle, and a check-in at the
 * venue door should not wait for it in a cold start.
 */
import type { Db } from 'mongodb';
import type { ResultsView } from '../../../src/contracts/competitions';
import type { Caller } from '../../platform/auth/caller';
import { writeAudit } from '../../platform/audit/audit-log';
import type { CompetitionDoc } from './repository';
import { resultsForExport } from './results';

/** Excel refuses sheet names over 31 characters or with []:*?/\ */
const sheetName = (name: string, used: Set<string>) => {
  let n = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28) || '项目';
  while (used.has(n)) n = `${n}_`;
  used.add(n);
  return n;
};

export async function resultsWorkbook(c: CompetitionDoc, results: ResultsView): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = c.orgName;
  book.created = new Date();
  const used = new Set<string>();
  for (const e of results.events) {
    const sheet = book.addWorksheet(sheetName(e.name, used));
    sheet.columns = [
      { header: '名次', key: 'rank', width: 6 },
      { header: '姓名', key: 'name', width: 12 },
      { header: '单位', key: 'org', width: 24 },
      ...results.parts.map((p) => ({ header: `${p.name}（${p.weight}%）`, key: `part_${p.key}`, width: 14 })),
      { header: '总分', key: 'total', width: 10 },
      { header: '奖项', key: 'prize', width: 10 },
      { header: '签到', key: 'checkedIn', width: 8 },
    ];
    sheet.getRow(1).font = { bold: true };
    for (const r of e.rows) {
      sheet.addRow({
        rank: r.rank ?? '',
        name: r.name,
        org: r.orgName,
        ...Object.fromEntries(results.parts.map((p) => [`part_${p.key}`, r.parts[p.key] ?? ''])),
        total: r.total ?? '',
        prize: r.prizeText ?? '',
        checkedIn: r.checkedIn ? '是' : '否',
      });
    }
  }
  const teams = results.events.flatMap((e) => e.teams.map((t) => ({ ...t, event: e.name })));
  if (teams.length > 0) {
    const sheet = book.addWorksheet(sheetName('团体成绩', used));
    sheet.columns = [
      { header: '项目', key: 'event', width: 12 },
      { header: '名次', key: 'rank', width: 6 },
      { header: '单位', key: 'org', width: 24 },
      { header: '团体总分', key: 'total', width: 10 },
      { header: '计入人数', key: 'counted', width: 10 },
    ];
    sheet.getRow(1).font = { bold: true };
    for (const t of teams)
      sheet.addRow({ event: t.event, rank: t.rank, org: t.orgName, total: t.total, counted: t.counted });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The organiser's export, audited: names in full leave the system in it. */
export async function exportResults(
  db: Db,
  caller: Caller,
  competitionId: string,
  requestId: string,
): Promise<{ bytes: Buffer; filename: string }> {
  const { competition, results } = await resultsForExport(db, caller, competitionId);
  const bytes = await resultsWorkbook(competition, results);
  await writeAudit(db, {
    actorId: caller.memberId,
    action: 'competition.results_exported',
    entity: 'competition',
    entityId: competition._id.toHexString(),
    orgPath: competition.orgPath,
    requestId,
    data: { rows: results.events.reduce((n, e) => n + e.rows.length, 0) },
  });
  return { bytes, filename: `${competition._id.toHexString()}.xlsx` };
}
