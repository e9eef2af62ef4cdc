import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltIns } from '../../bootstrap.ts';
import { loadConfig } from '../../config.ts';
import { buildDeps, type Deps } from '../../deps.ts';
import { systemActor } from '../../platform/actor.ts';
import { ValidationError } from '../../platform/errors.ts';
import { createReturnsRepository } from './returns.repository.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../../test/support/test-db.ts';

const ORG = 'norfolk-constabulary';
const PERIOD = '2026-Q1';
const ctx = systemActor('test');

describe.each(databaseKinds)('returns service [%s]', (kind) => {
  let handle: TestDatabase;
  let deps: Deps;
  let dir: string;
  let clock = new Date('2026-04-20T10:00:00Z');

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clmd-returns-'));
    deps = buildDeps(loadConfig({ NODE_ENV: 'test', CLMD_DATA_DIR: dir } as NodeJS.ProcessEnv), handle, {
      now: () => clock,
    });
    await ensureBuiltIns(deps);
  });
  afterAll(async () => {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The CSV template with the given values filled in, by (indicator, area, breakdown) key. */
  async function filledCsv(name: string, values: Record<string, string>): Promise<string> {
    const template = path.join(dir, `template-${name}.csv`);
    await deps.returns.writeTemplate({ organisationId: ORG, period: PERIOD, format: 'csv' }, template);
    const [header, ...lines] = fs.readFileSync(template, 'utf8').trimEnd().split(/\r?\n/);
    const cols = header!.split(',');
    const valueAt = cols.indexOf('value');
    const out = [header!];
    for (const line of lines) {
      const cells = line.split(',');
      const breakdown = cols
        .map((c, i) => (i > 3 && i < valueAt && cells[i] ? `${c}=${cells[i]}` : ''))
        .filter(Boolean)
        .join(';');
      const key = `${cells[0]}|${cells[1]}|${breakdown}`;
      if (values[key] !== undefined) cells[valueAt] = values[key]!;
      out.push(cells.join(','));
    }
    const file = path.join(dir, `${name}.csv`);
    fs.writeFileSync(file, out.join('\n') + '\n');
    return file;
  }

  async function counts() {
    const observations = await deps.returns.observations({ organisationId: ORG, approvedOnly: false });
    const ret = await deps.returns.findReturn(ORG, PERIOD);
    return { observations: observations.length, status: ret?.status ?? null };
  }

  it('accepts a filled template, keeps the file and audits the submission', async () => {
    const file = await filledCsv('first', {
      'yp-drug-arrests-by-area|E07000148|': '12',
      'yp-drug-arrests-by-area|E07000145|': '4',
    });
    const report = await deps.returns.submitFile(ctx, {
      organisationId: ORG,
      period: PERIOD,
      fileName: 'first.csv',
      filePath: file,
    });
    expect(report.errors).toEqual([]);
    expect(report.outcome).toBe('accepted');
    expect(report.revision).toBe(1);
    expect(report.rowCount).toBe(2);
    const ret = (await deps.returns.findReturn(ORG, PERIOD))!;
    expect(ret.status).toBe('submitted');
    const [submission] = await deps.returns.submissions(ret.id);
    expect(submission!.file_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.existsSync(path.join(dir, 'submissions', submission!.stored_path!))).toBe(true);
    const events = await deps.auditRepository.listForSubject(handle.db, 'return', `${ORG}/${PERIOD}`);
    expect(events.map((e) => e.action)).toEqual(['return.submit']);
  });

  it('rejects a file with bad cells, lists every problem and changes nothing', async () => {
    const before = await counts();
    const file = await filledCsv('bad', {
      'yp-drug-arrests-by-area|E07000148|': '-3',
      'yp-drug-arrests-by-area|E07000145|': 'five',
    });
    const report = await deps.returns.submitFile(ctx, {
      organisationId: ORG,
      period: PERIOD,
      fileName: 'bad.csv',
      filePath: file,
    });
    expect(report.outcome).toBe('rejected');
    expect(report.errorCount).toBe(2);
    expect(report.errors.every((p) => p.file === 'bad.csv' && p.row !== undefined && p.column)).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('rejects duplicate rows and breakdowns above their total', async () => {
    const before = await counts();
    const file = path.join(dir, 'dupes.csv');
    fs.writeFileSync(
      file,
      [
        'indicator_id,area_code,period_start,period_end,value,note',
        'svv-related-arrests,E07000148,2026-01-01,2026-03-31,3,',
        'svv-related-arrests,E07000148,2026-01-01,2026-03-31,4,',
      ].join('\n'),
    );
    const report = await deps.returns.submitFile(ctx, {
      organisationId: ORG,
      period: PERIOD,
      fileName: 'dupes.csv',
      filePath: file,
    });
    expect(report.outcome).toBe('rejected');
    expect(report.errors[0]).toMatchObject({ row: 3, message: expect.stringContaining('repeats row 2') });
    expect(await counts()).toEqual(before);
  });

  it('keeps every revision and answers "as at" a date', async () => {
    const firstAt = clock;
    clock = new Date('2026-04-25T10:00:00Z');
    const file = await filledCsv('second', { 'yp-drug-arrests-by-area|E07000148|': '15' });
    const report = await deps.returns.submitFile(ctx, {
      organisationId: ORG,
      period: PERIOD,
      fileName: 'second.csv',
      filePath: file,
    });
    expect(report.revision).toBe(2);
    const now = await deps.returns.observations({
      organisationId: ORG,
      indicatorId: 'yp-drug-arrests-by-area',
      approvedOnly: false,
    });
    expect(now.find((o) => o.areaCode === 'E07000148')?.value).toBe(15);
    // The value not in the resubmission is untouched.
    expect(now.find((o) => o.areaCode === 'E07000145')?.value).toBe(4);
    const then = await deps.returns.observations({
      organisationId: ORG,
      indicatorId: 'yp-drug-arrests-by-area',
      approvedOnly: false,
      asAt: new Date(firstAt.getTime() + 1000),
    });
    expect(then.find((o) => o.areaCode === 'E07000148')?.value).toBe(12);
    const history = await deps.returns.observationHistory({
      organisationId: ORG,
      indicatorId: 'yp-drug-arrests-by-area',
      areaCode: 'E07000148',
      periodStart: now.find((o) => o.areaCode === 'E07000148')!.periodStart,
      breakdownKey: '',
    });
    expect(history.map((h) => h.value)).toEqual([12, 15]);
  });

  it('keeps each figure with the line of the file it came from, and never changes or deletes one', async () => {
    const ret = (await deps.returns.findReturn(ORG, PERIOD))!;
    const [first] = await deps.returns.submissions(ret.id);
    const stored = await handle.db
      .selectFrom('observation')
      .select(['row_no', 'sheet', 'area_code', 'value'])
      .where('submission_id', '=', first!.id)
      .orderBy('row_no')
      .execute();
    const lines = fs.readFileSync(path.join(dir, 'first.csv'), 'utf8').split('\n');
    const lineOf = (area: string) =>
      lines.findIndex((l) => l.startsWith(`yp-drug-arrests-by-area,${area},`)) + 1;
    expect(stored).toEqual(
      [
        { row_no: lineOf('E07000148'), sheet: null, area_code: 'E07000148', value: 12 },
        { row_no: lineOf('E07000145'), sheet: null, area_code: 'E07000145', value: 4 },
      ].sort((a, b) => a.row_no - b.row_no),
    );
    for (const change of [
      sql`update observation set value = 0 where submission_id = ${first!.id}`,
      sql`delete from observation where submission_id = ${first!.id}`,
      sql`truncate observation`,
      sql`delete from submission where id = ${first!.id}`,
    ]) {
      await expect(change.execute(handle.db)).rejects.toThrow(/append-only/);
    }
    expect(await deps.returns.submissions(ret.id)).toHaveLength(2);
  });

  it('can refresh the statistics of observation inside a submission transaction', async () => {
    // What a submission of 100,000 rows or more does before its checks in SQL.
    await handle.db.transaction().execute(async (trx) => {
      await createReturnsRepository().refreshObservationStatistics(trx);
    });
    const analysed = await sql<{ n: number }>`
      select count(*)::int as n from pg_stats where tablename = 'observation'`.execute(handle.db);
    expect(analysed.rows[0]!.n).toBeGreaterThan(0);
  });

  it('approves, locks, unlocks with a reason, and shares only approved data', async () => {
    const ret = (await deps.returns.findReturn(ORG, PERIOD))!;
    expect(await deps.returns.observations({ organisationId: ORG, approvedOnly: true })).toEqual([]);
    await deps.returns.approve(ctx, ret.id);
    expect((await deps.returns.getReturn(ret.id)).status).toBe('approved');
    expect(
      (await deps.returns.observations({ organisationId: ORG, approvedOnly: true })).length,
    ).toBeGreaterThan(0);

    const file = await filledCsv('locked', { 'yp-drug-arrests-by-area|E07000148|': '16' });
    await expect(
      deps.returns.submitFile(ctx, {
        organisationId: ORG,
        period: PERIOD,
        fileName: 'locked.csv',
        filePath: file,
      }),
    ).rejects.toThrow(ValidationError);

    await expect(deps.returns.unlock(ctx, ret.id, '  ')).rejects.toThrow('Enter a reason');
    await deps.returns.unlock(ctx, ret.id, 'Norwich figure corrected');
    const history = await deps.returns.statusHistory(ret.id);
    expect(history.at(-1)).toMatchObject({
      from_status: 'approved',
      to_status: 'submitted',
      reason: 'Norwich figure corrected',
    });
    await deps.returns.returnToSubmitter(ctx, ret.id, 'Please add Breckland');
    expect((await deps.returns.getReturn(ret.id)).status).toBe('returned');
  });

  it('reports completeness: on time, late, overdue and not yet due', async () => {
    clock = new Date('2026-08-15T10:00:00Z');
    const rows = await deps.returns.completeness([
      { year: 2026, q: 1 },
      { year: 2026, q: 2 },
      { year: 2026, q: 3 },
    ]);
    const norfolk = rows.filter((r) => r.organisationId === ORG);
    expect(norfolk.map((r) => r.state)).toEqual(['on-time', 'overdue', 'not-yet-due']);
    expect(rows.find((r) => r.organisationId === 'essex-police' && r.period === '2026-Q1')?.state).toBe(
      'overdue',
    );
  });
});
