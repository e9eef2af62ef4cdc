import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { testContext } from '../../../../test/fixtures/returns/context.ts';
import { checkFile, removeTempDirs, tempDir } from '../../../../test/fixtures/returns/read-helpers.ts';
import { BUILT_IN_CATALOGUE } from '../../catalogue/catalogue.builtin.ts';
import { templateRows } from '../template-rows.ts';
import { csvTemplateHeader, csvTemplateLines, writeCsvTemplate } from './csv-template.ts';

const ctx = testContext('norfolk-constabulary', '2026-Q1');

afterAll(removeTempDirs);

describe('the CSV template', () => {
  it('has the fixed columns around the sorted dimension ids of the organisation’s indicators', () => {
    expect(csvTemplateHeader(ctx, BUILT_IN_CATALOGUE)).toEqual([
      'indicator_id',
      'area_code',
      'period_start',
      'period_end',
      'age-band',
      'direction',
      'ethnicity',
      'line-direction',
      'nationality',
      'nrm-outcome',
      'nrm-referral',
      'residence',
      'sex',
      'value',
      'note',
    ]);
  });

  it('has a line per template row, breakdown columns blank for totals and the value blank', () => {
    const lines = [...csvTemplateLines(ctx, BUILT_IN_CATALOGUE)];
    expect(lines).toHaveLength(templateRows(ctx, BUILT_IN_CATALOGUE).length + 1);
    expect(lines[1]).toBe('drug-related-violent-crimes,LOC-NORFOLK,2026-01-01,2026-03-31,,,,,,,,,,,\r\n');
    expect(lines).toContain('out-of-area-arrests,LOC-NORFOLK,2026-01-01,2026-03-31,,inbound,,,,,,,,,\r\n');
  });

  it('writes to a file that reads back as the template rows', async () => {
    const file = path.join(tempDir(), 'template.csv');
    await writeCsvTemplate(ctx, BUILT_IN_CATALOGUE, file);
    const result = await checkFile(ctx, 'template.csv', file);
    expect(result.error).toBeUndefined();
    expect(result.problems).toEqual([]);
    expect(
      result.rows.map((r) => [r.indicator.text, r.area.text, r.periodStart.text, r.periodEnd.text]),
    ).toEqual(
      templateRows(ctx, BUILT_IN_CATALOGUE).map((r) => [
        r.indicatorId,
        r.areaCode,
        r.periodStart,
        r.periodEnd,
      ]),
    );
    expect(fs.readFileSync(file, 'utf8').startsWith('indicator_id,')).toBe(true);
  });

  it('writes to a stream', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeCsvTemplate(ctx, BUILT_IN_CATALOGUE, out);
    out.end();
    expect(Buffer.concat(chunks).toString('utf8')).toBe(
      [...csvTemplateLines(ctx, BUILT_IN_CATALOGUE)].join(''),
    );
  });
});
