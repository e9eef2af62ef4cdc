// Returns: an organisation's figures for a quarter. Submitting checks every cell and commits all or
// nothing; resubmitting adds a revision that supersedes the keys it contains; approval locks the return.
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ActorContext } from '../../platform/actor.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { sha256File, type FileStore } from '../../platform/file-store.ts';
import type { CatalogueService } from '../catalogue/catalogue.service.ts';
import type { Organisation } from '../organisations/organisations.builtin.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import { completeness, type CompletenessRow } from './completeness.ts';
import { suppliedIndicators } from './obligations.ts';
import { dueDate, formatQuarter, parseQuarter, quarterWindow, type Quarter } from './periods.ts';
import type { AreaInfo, ReturnValidationContext, ValidObservation } from './return-file.model.ts';
import { readReturnBatches } from './readers/read-return-rows.ts';
import type { ReturnRow, ReturnsRepository, SubmissionRow } from './returns.repository.ts';
import type { ReturnStatus } from './returns.table.ts';
import { validateRow } from './row-validator.ts';
import { writeCsvTemplate } from './templates/csv-template.ts';
import { writeXlsxTemplate } from './templates/xlsx-template.ts';
import { writeSubmission, type PipelineItem, type PipelineResult } from './submission-pipeline.ts';

export interface SubmissionReport extends PipelineResult {
  outcome: 'rejected' | 'checked' | 'accepted';
  organisation: Organisation;
  period: string;
  fileName: string;
  sha256: string;
  /** Set when accepted. */
  revision?: number;
}

export interface ReturnSummary {
  id: number;
  organisationId: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  status: ReturnStatus;
  statusReason: string | null;
  firstSubmittedAt: Date | null;
  updatedAt: Date;
}

/** Thrown inside the transaction to roll it back while carrying the report out. */
class Rollback extends Error {
  constructor(readonly report: PipelineResult) {
    super('rollback');
  }
}

function toSummary(r: ReturnRow): ReturnSummary {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    period: r.period,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    dueDate: r.due_date,
    status: r.status,
    statusReason: r.status_reason,
    firstSubmittedAt: r.first_submitted_at,
    updatedAt: r.updated_at,
  };
}

export function requireQuarter(period: string, field = 'period'): Quarter {
  const q = parseQuarter(period);
  if (!q) {
    throw new ValidationError('The period is not valid.', [
      { field, message: `Enter the period as a year and quarter, like 2026-Q1 (you gave "${period}").` },
    ]);
  }
  return q;
}

export function createReturnsService(deps: {
  db: Kysely<DB>;
  repository: ReturnsRepository;
  audit: AuditWriter;
  catalogue: CatalogueService;
  organisations: OrganisationsService;
  listAreas: () => Promise<AreaInfo[]>;
  files: FileStore;
  now?: () => Date;
}) {
  const { db, repository, audit } = deps;
  const now = deps.now ?? (() => new Date());

  async function validationContext(org: Organisation, quarter: Quarter): Promise<ReturnValidationContext> {
    const { indicators } = await deps.catalogue.current();
    const areas = await deps.listAreas();
    const districts = new Set(org.districtCodes);
    const allowed = areas.filter((a) => {
      if (a.level === 'pathfinder') return org.localityCode === null;
      if (a.level === 'locality') return org.localityCode === null || a.code === org.localityCode;
      return a.districtCode !== undefined && districts.has(a.districtCode);
    });
    return {
      organisation: org,
      quarter,
      catalogue: new Map(indicators.map((i) => [i.id, i])),
      supplied: new Set(suppliedIndicators(org, indicators).map((i) => i.id)),
      knownAreas: new Map(areas.map((a) => [a.code, a])),
      allowedAreas: new Set(allowed.map((a) => a.code)),
    };
  }

  function lockedProblem(ret: ReturnRow, org: Organisation): ValidationError {
    return new ValidationError('This return is approved and locked.', [
      {
        field: 'period',
        message: `The ${ret.period} return from ${org.name} has been approved, so it is locked. Ask an approver to unlock it, giving a reason, before you resubmit.`,
      },
    ]);
  }

  /** Validates and (unless dry run or any error) commits one submission in a single transaction. */
  async function ingest(
    ctx: ActorContext,
    input: {
      organisationId: string;
      period: string;
      fileName: string;
      sha256: string;
      format: 'xlsx' | 'csv' | 'generated';
      storedPath: () => Promise<string | null>;
      items: (vctx: ReturnValidationContext) => AsyncIterable<PipelineItem[]> | Iterable<PipelineItem[]>;
      dryRun: boolean;
      synthetic: boolean;
      submittedAt?: Date;
    },
  ): Promise<SubmissionReport> {
    const quarter = requireQuarter(input.period);
    const org = await deps.organisations.get(input.organisationId);
    const window = quarterWindow(quarter);
    if (new Date(`${window.end}T23:59:59.999Z`) > (input.submittedAt ?? now())) {
      throw new ValidationError('This quarter has not ended yet.', [
        {
          field: 'period',
          message: `The ${formatQuarter(quarter)} return can be submitted once the quarter ends on ${window.end}. Choose a quarter that has ended.`,
        },
      ]);
    }
    const vctx = await validationContext(org, quarter);
    const period = formatQuarter(quarter);
    const base = { organisation: org, period, fileName: input.fileName, sha256: input.sha256 };
    const countIds = [...vctx.supplied].filter((id) => vctx.catalogue.get(id)?.valueType === 'count');
    try {
      return await db.transaction().execute(async (trx) => {
        const ret = await repository.lockReturn(trx, {
          organisationId: org.id,
          period,
          periodStart: window.start,
          periodEnd: window.end,
          dueDate: dueDate(quarter),
        });
        if (ret.status === 'approved') throw lockedProblem(ret, org);
        const submissionId = await repository.newSubmissionId(trx);
        const result = await writeSubmission(trx, repository, input.items(vctx), {
          submissionId,
          fileName: input.fileName,
          organisationId: org.id,
          countIndicatorIds: countIds,
        });
        if (result.errorCount > 0 || input.dryRun) throw new Rollback(result);
        if (result.rowCount === 0) {
          throw new ValidationError('There are no figures in this file.', [
            {
              file: input.fileName,
              message: 'Every value is blank. Enter at least one figure, or 0 where there were none.',
            },
          ]);
        }
        const revision = await repository.nextRevision(trx, ret.id);
        const submittedAt = input.submittedAt ?? now();
        await repository.insertSubmission(trx, {
          id: submissionId,
          return_id: ret.id,
          revision,
          file_name: input.fileName,
          file_sha256: input.sha256,
          file_format: input.format,
          stored_path: await input.storedPath(),
          row_count: result.rowCount,
          warning_count: result.warnings.length,
          synthetic: input.synthetic,
          submitted_by: ctx.actor,
          submitted_at: submittedAt,
          approved_by: null,
          approved_at: null,
        });
        await repository.setStatus(trx, ret, 'submitted', null, ctx.actor, submittedAt);
        await audit.record(trx, ctx, {
          action: 'return.submit',
          subjectType: 'return',
          subjectId: `${org.id}/${period}`,
          details: {
            revision,
            rows: result.rowCount,
            warnings: result.warnings.length,
            file: input.fileName,
            sha256: input.sha256,
            synthetic: input.synthetic,
          },
        });
        return { ...base, ...result, outcome: 'accepted' as const, revision };
      });
    } catch (error) {
      if (error instanceof Rollback) {
        return { ...base, ...error.report, outcome: error.report.errorCount > 0 ? 'rejected' : 'checked' };
      }
      throw error;
    }
  }

  async function transition(
    ctx: ActorContext,
    returnId: number,
    change: {
      from: ReturnStatus[];
      to: ReturnStatus;
      reason: string | null;
      action: string;
      approve?: boolean;
      /** When it happened, if not now (the synthetic demo back-dates its history). */
      at?: Date;
    },
  ): Promise<ReturnSummary> {
    return db.transaction().execute(async (trx) => {
      const existing = await repository.getReturn(trx, returnId);
      if (!existing) throw new NotFoundError(`There is no return ${returnId}.`);
      const ret = await repository.lockReturn(trx, {
        organisationId: existing.organisation_id,
        period: existing.period,
        periodStart: existing.period_start,
        periodEnd: existing.period_end,
        dueDate: existing.due_date,
      });
      if (!change.from.includes(ret.status)) {
        throw new ValidationError('This return cannot change that way.', [
          {
            field: 'status',
            message: `The return is ${ret.status}; it can only be ${change.to} when it is ${change.from.join(' or ')}.`,
          },
        ]);
      }
      const at = change.at ?? now();
      if (change.approve) await repository.approvePending(trx, ret.id, ctx.actor, at);
      await repository.setStatus(trx, ret, change.to, change.reason, ctx.actor, at);
      await audit.record(trx, ctx, {
        action: change.action,
        subjectType: 'return',
        subjectId: `${ret.organisation_id}/${ret.period}`,
        details: { from: ret.status, to: change.to, ...(change.reason ? { reason: change.reason } : {}) },
      });
      return toSummary((await repository.getReturn(trx, ret.id))!);
    });
  }

  function requireReason(reason: string | undefined): string {
    const trimmed = (reason ?? '').trim();
    if (!trimmed)
      throw new ValidationError('Enter a reason.', [{ field: 'reason', message: 'Enter a reason' }]);
    if (trimmed.length > 2000) {
      throw new ValidationError('The reason is too long.', [
        { field: 'reason', message: 'Reason must be 2,000 characters or fewer' },
      ]);
    }
    return trimmed;
  }

  return {
    validationContext,

    /** Writes the XLSX or long-CSV template for an organisation's quarter to a file path or stream. */
    async writeTemplate(
      input: { organisationId: string; period: string; format: 'xlsx' | 'csv' },
      target: string | Writable,
    ): Promise<{ fileName: string }> {
      const quarter = requireQuarter(input.period);
      const org = await deps.organisations.get(input.organisationId);
      const vctx = await validationContext(org, quarter);
      const { indicators } = await deps.catalogue.current();
      const write = input.format === 'xlsx' ? writeXlsxTemplate : writeCsvTemplate;
      await write(vctx, indicators, target);
      return { fileName: `clmd-return-${org.id}-${formatQuarter(quarter)}.${input.format}` };
    },

    /** Checks and commits a return file (XLSX template or long CSV) from a path on disk. */
    async submitFile(
      ctx: ActorContext,
      input: { organisationId: string; period: string; fileName: string; filePath: string; dryRun?: boolean },
    ): Promise<SubmissionReport> {
      const sha256 = await sha256File(input.filePath);
      const ext = path.extname(input.fileName).toLowerCase() === '.xlsx' ? '.xlsx' : '.csv';
      return ingest(ctx, {
        organisationId: input.organisationId,
        period: input.period,
        fileName: input.fileName,
        sha256,
        format: ext === '.xlsx' ? 'xlsx' : 'csv',
        storedPath: () => deps.files.put(input.filePath, sha256, ext),
        dryRun: input.dryRun ?? false,
        synthetic: false,
        items: (vctx) =>
          validated(
            readReturnBatches(input.fileName, input.filePath, {
              expected: {
                organisationId: input.organisationId,
                period: formatQuarter(requireQuarter(input.period)),
              },
            }),
            vctx,
          ),
      });
    },

    /** Commits figures produced by code (the synthetic demo), through the same checks as a file. */
    async submitGenerated(
      ctx: ActorContext,
      input: {
        organisationId: string;
        period: string;
        label: string;
        observations: Omit<ValidObservation, 'location'>[];
        submittedAt: Date;
        synthetic: boolean;
      },
    ): Promise<SubmissionReport> {
      return ingest(ctx, {
        organisationId: input.organisationId,
        period: input.period,
        fileName: input.label,
        sha256: '-',
        format: 'generated',
        storedPath: async () => null,
        dryRun: false,
        synthetic: input.synthetic,
        submittedAt: input.submittedAt,
        items: () => [
          input.observations.map((o, i) => ({
            observation: { ...o, location: { file: input.label, row: i + 2 } },
          })),
        ],
      });
    },

    approve: (ctx: ActorContext, returnId: number, at?: Date) =>
      transition(ctx, returnId, {
        from: ['submitted'],
        to: 'approved',
        reason: null,
        action: 'return.approve',
        approve: true,
        ...(at ? { at } : {}),
      }),

    returnToSubmitter: async (ctx: ActorContext, returnId: number, reason: string | undefined, at?: Date) =>
      transition(ctx, returnId, {
        from: ['submitted'],
        to: 'returned',
        reason: requireReason(reason),
        action: 'return.return',
        ...(at ? { at } : {}),
      }),

    unlock: async (ctx: ActorContext, returnId: number, reason: string | undefined) =>
      transition(ctx, returnId, {
        from: ['approved'],
        to: 'submitted',
        reason: requireReason(reason),
        action: 'return.unlock',
      }),

    async findReturn(organisationId: string, period: string): Promise<ReturnSummary | undefined> {
      const r = await repository.findReturn(db, organisationId, formatQuarter(requireQuarter(period)));
      return r && toSummary(r);
    },

    async getReturn(id: number): Promise<ReturnSummary> {
      const r = await repository.getReturn(db, id);
      if (!r) throw new NotFoundError(`There is no return ${id}.`);
      return toSummary(r);
    },

    async submissions(returnId: number): Promise<SubmissionRow[]> {
      return repository.listSubmissions(db, returnId);
    },

    statusHistory: (returnId: number) => repository.statusHistory(db, returnId),

    /** Current values; approvedOnly for anything shared beyond the submitting organisation. */
    observations: (filter: Parameters<ReturnsRepository['currentObservations']>[1]) =>
      repository.currentObservations(db, filter),

    observationHistory: (key: Parameters<ReturnsRepository['observationHistory']>[1]) =>
      repository.observationHistory(db, key),

    listReturns: (filter: { organisationId?: string; periods?: string[] }) =>
      repository.listReturns(db, filter),

    /** Expected, received, on time, late and missing returns for the quarters given. */
    async completeness(quarters: readonly Quarter[]): Promise<CompletenessRow[]> {
      const [organisations, { indicators }, received] = await Promise.all([
        deps.organisations.list(),
        deps.catalogue.current(),
        repository.listReturns(db, { periods: quarters.map(formatQuarter) }),
      ]);
      return completeness({
        organisations,
        catalogue: indicators,
        quarters,
        today: now(),
        received: received.map((r) => ({
          organisationId: r.organisation_id,
          period: r.period,
          status: r.status,
          firstSubmittedAt: r.first_submitted_at,
          synthetic: Boolean(r.synthetic),
        })),
      });
    },

    today: () => now(),
  };
}

async function* validated(
  batches: AsyncIterable<Parameters<typeof validateRow>[0][]>,
  vctx: ReturnValidationContext,
): AsyncIterable<PipelineItem[]> {
  for await (const batch of batches) yield batch.map((raw) => validateRow(raw, vctx));
}

export type ReturnsService = ReturnType<typeof createReturnsService>;
