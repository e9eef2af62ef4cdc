// The crime module's service: imports police.uk street-level crime files (all or nothing, audited;
// a month and force imported again replaces its counts) and answers crime shares and crime counts
// by area from the counts, placing LSOAs with the geography service.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ActorContext } from '../../platform/actor.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import { NotFoundError, ValidationError, type Problem } from '../../platform/errors.ts';
import type { GeographyService } from '../geography/geography.service.ts';
import {
  CRIME_TYPE_CODES,
  CRIME_TYPES,
  DEFAULT_EXCLUDED_TYPES,
  PROXY_CRIME_TYPES,
  isCrimeType,
  type CrimeCountLevel,
  type CrimeCountRow,
  type CrimeCountsOptions,
  type CrimeCountsResult,
  type CrimeLocality,
  type CrimeShare,
  type CrimeSharesOptions,
  type CrimeSharesResult,
  type CrimeSource,
  type CrimeType,
  type PeriodOptions,
  type PoliceUkFileImport,
  type PoliceUkImportReport,
  type PoliceUkTotals,
} from './crime.model.ts';
import {
  findPoliceUkFiles,
  readPoliceUkFile,
  splitCountKey,
  type PoliceUkAreas,
  type PoliceUkFile,
} from './crime.police-uk-file.ts';
import { CrimeProblems } from './crime.problems.ts';
import type { CrimeRepository } from './crime.repository.ts';

/** What the crime module needs from the geography service. */
export type CrimeGeography = Pick<GeographyService, 'listAreas' | 'localitiesOverview' | 'lsoaWards'>;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

interface Place {
  code: string;
  name: string;
  districtCode: string | null;
  localityCode: string;
}

interface Hierarchy {
  localities: { code: string; name: string; policeForce: string }[];
  districts: Map<string, Place>;
  /** LSOA → district code. */
  lsoaDistrict: Map<string, string>;
}

function zeroByType(): Record<CrimeType, number> {
  return Object.fromEntries(CRIME_TYPE_CODES.map((c) => [c, 0])) as Record<CrimeType, number>;
}

function totalsOf(files: readonly PoliceUkFileImport[]): PoliceUkTotals {
  const byCrimeType = zeroByType();
  const t = {
    files: files.length,
    rowsRead: 0,
    counted: 0,
    countedCrimes: 0,
    asb: 0,
    asbCounted: 0,
    noLocation: 0,
    outsideArea: 0,
    inOtherPathfinderDistrict: 0,
    outsidePathfinder: 0,
  };
  for (const f of files) {
    t.rowsRead += f.rowsRead;
    t.counted += f.counted;
    t.countedCrimes += f.countedCrimes;
    t.asb += f.asb.rows;
    t.asbCounted += f.asb.counted;
    t.noLocation += f.noLocation.rows;
    t.outsideArea += f.outsideArea.rows;
    t.inOtherPathfinderDistrict += f.outsideArea.inOtherPathfinderDistrict;
    t.outsidePathfinder += f.outsideArea.outsidePathfinder;
    for (const c of CRIME_TYPE_CODES) byCrimeType[c] += f.byCrimeType[c];
  }
  return { ...t, byCrimeType };
}

/** The crime type codes given, checked; every problem is listed. */
function checkTypes(codes: readonly string[], field: string): CrimeType[] {
  const unknown = codes.filter((c) => !isCrimeType(c));
  if (unknown.length) {
    throw new ValidationError(
      'Some crime types are not police.uk crime types.',
      unknown.map((c) => ({
        field,
        message: `"${c}" is not a police.uk crime type. Use one of ${CRIME_TYPE_CODES.join(', ')}`,
      })),
    );
  }
  return CRIME_TYPE_CODES.filter((c) => codes.includes(c));
}

function describeTypes(included: readonly CrimeType[], excluded: readonly CrimeType[]): string {
  if (excluded.length === 0) return 'all police.uk crime types, anti-social behaviour included';
  if (excluded.length === 1 && excluded[0] === 'anti-social-behaviour')
    return 'all police.uk crime types except anti-social behaviour';
  const label = (c: CrimeType) => CRIME_TYPES.find((t) => t.code === c)!.label.toLowerCase();
  return included.length <= excluded.length
    ? `only ${included.map(label).join(', ')}`
    : `all police.uk crime types except ${excluded.map(label).join(', ')}`;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'en-GB');

const describeMonths = (p: { from: string; to: string }) =>
  p.from === p.to ? p.from : `${p.from} to ${p.to}`;

/**
 * The files to read, as the user named them: each folder stands for the police.uk street files in it
 * and its subfolders. A name that is neither a file nor a folder stops everything (not found).
 */
async function expandFiles(given: readonly string[], problems: CrimeProblems): Promise<string[]> {
  const missing: string[] = [];
  const files: string[] = [];
  for (const name of given) {
    const stat = await fs.promises.stat(name).catch(() => undefined);
    if (!stat) {
      missing.push(name);
    } else if (stat.isDirectory()) {
      const found = await findPoliceUkFiles(name);
      if (!found.length) {
        problems.add('folder', {
          file: name,
          message:
            'There are no police.uk street files in this folder. Their names end in -street.csv, for example 2019-01-norfolk-street.csv',
        });
      }
      files.push(...found);
    } else {
      files.push(name);
    }
  }
  if (missing.length) {
    throw new NotFoundError(
      missing.length === 1
        ? `There is no file or folder called ${missing[0]}. Check the name and the folder. Nothing was imported.`
        : `There are no files or folders called ${missing.join(', ')}. Check the names and the folders. Nothing was imported.`,
    );
  }
  return files;
}

export function createCrimeService(deps: {
  db: Kysely<DB>;
  repository: CrimeRepository;
  audit: AuditWriter;
  geography: CrimeGeography;
}) {
  const { db, repository, audit, geography } = deps;

  async function hierarchy(): Promise<Hierarchy> {
    const [{ localities }, lsoas] = await Promise.all([
      geography.localitiesOverview(),
      geography.listAreas(['lsoa']),
    ]);
    const districts = new Map<string, Place>();
    for (const l of localities) {
      for (const d of [...l.districts].sort(byName)) {
        districts.set(d.code, { code: d.code, name: d.name, districtCode: d.code, localityCode: l.code });
      }
    }
    const lsoaDistrict = new Map<string, string>();
    for (const a of lsoas)
      if (a.parentCode && districts.has(a.parentCode)) lsoaDistrict.set(a.code, a.parentCode);
    return {
      localities: localities.map((l) => ({ code: l.code, name: l.name, policeForce: l.policeForce })),
      districts,
      lsoaDistrict,
    };
  }

  /** The areas of a level, in locality, district and name order, and where each LSOA falls among them. */
  async function placesOf(
    level: CrimeCountLevel,
    h: Hierarchy,
  ): Promise<{ places: Place[]; lsoaPlace: (lsoa: string) => string | undefined }> {
    const localityOrder = new Map(h.localities.map((l, i) => [l.code, i]));
    const districtOrder = new Map([...h.districts.keys()].map((c, i) => [c, i]));
    const order = (a: Place, b: Place) =>
      localityOrder.get(a.localityCode)! - localityOrder.get(b.localityCode)! ||
      (a.districtCode && b.districtCode
        ? districtOrder.get(a.districtCode)! - districtOrder.get(b.districtCode)!
        : 0) ||
      byName(a, b);
    if (level === 'locality') {
      return {
        places: h.localities.map((l) => ({
          code: l.code,
          name: l.name,
          districtCode: null,
          localityCode: l.code,
        })),
        lsoaPlace: (lsoa) => {
          const d = h.lsoaDistrict.get(lsoa);
          return d ? h.districts.get(d)?.localityCode : undefined;
        },
      };
    }
    if (level === 'district') {
      return { places: [...h.districts.values()], lsoaPlace: (lsoa) => h.lsoaDistrict.get(lsoa) };
    }
    if (level === 'lsoa') {
      const lsoas = await geography.listAreas(['lsoa']);
      const places = lsoas
        .filter((a) => a.parentCode && h.districts.has(a.parentCode))
        .map((a) => ({
          code: a.code,
          name: a.name,
          districtCode: a.parentCode,
          localityCode: h.districts.get(a.parentCode!)!.localityCode,
        }))
        .sort(order);
      return { places, lsoaPlace: (lsoa) => (h.lsoaDistrict.has(lsoa) ? lsoa : undefined) };
    }
    const [wards, lookup] = await Promise.all([geography.listAreas(['ward']), geography.lsoaWards()]);
    const places = wards
      .filter((w) => w.parentCode && h.districts.has(w.parentCode))
      .map((w) => ({
        code: w.code,
        name: w.name,
        districtCode: w.parentCode,
        localityCode: h.districts.get(w.parentCode!)!.localityCode,
      }))
      .sort(order);
    const known = new Set(places.map((p) => p.code));
    const lsoaWard = new Map(
      lookup.filter((l) => known.has(l.wardCode)).map((l) => [l.lsoaCode, l.wardCode]),
    );
    return { places, lsoaPlace: (lsoa) => (h.lsoaDistrict.has(lsoa) ? lsoaWard.get(lsoa) : undefined) };
  }

  /** The months asked for, checked; undefined when nothing was asked and nothing is imported. */
  async function period(o: PeriodOptions): Promise<{ from: string; to: string } | undefined> {
    const problems: Problem[] = [];
    for (const field of ['month', 'from', 'to'] as const) {
      const value = o[field];
      if (value !== undefined && !MONTH.test(value))
        problems.push({ field, message: `Enter the ${field} as YYYY-MM, for example 2019-01` });
    }
    if (o.month !== undefined && (o.from !== undefined || o.to !== undefined))
      problems.push({ field: 'month', message: 'Give either a month or a period (from and to), not both' });
    if (!problems.length && o.from && o.to && o.from > o.to)
      problems.push({ field: 'from', message: `The period starts (${o.from}) after it ends (${o.to})` });
    if (problems.length) throw new ValidationError('The months asked for are not valid.', problems);
    const range = await repository.monthRange(db);
    if (!o.month && !o.from && !o.to) return range.last ? { from: range.last, to: range.last } : undefined;
    const asked = o.month
      ? { from: o.month, to: o.month }
      : {
          from: o.from ?? (range.first && range.first < o.to! ? range.first : o.to!),
          to: o.to ?? (range.last && range.last > o.from! ? range.last : o.from!),
        };
    if (!(await repository.currentSources(db, asked)).length) {
      throw new NotFoundError(
        `No police.uk crime has been imported for ${describeMonths(asked)}. ` +
          (range.first && range.last
            ? `The months imported are ${describeMonths({ from: range.first, to: range.last })}.`
            : 'None has been imported yet.'),
      );
    }
    return asked;
  }

  /** Each locality's months with its own force's file, and the months with some other force's only. */
  async function coverage(
    h: Hierarchy,
    p: { from: string; to: string } | undefined,
  ): Promise<Omit<CrimeLocality, 'count' | 'share'>[]> {
    const sources = p ? await repository.currentSources(db, p) : [];
    const allMonths = [...new Set(sources.map((s) => s.month))].sort();
    return h.localities.map((l) => {
      const months = sources.filter((s) => s.force === l.policeForce).map((s) => s.month);
      return {
        code: l.code,
        name: l.name,
        policeForce: l.policeForce,
        months,
        monthsMissing: allMonths.filter((m) => !months.includes(m)),
      };
    });
  }

  return {
    /**
     * Imports police.uk street-level crime files. Every file is read and checked first: one problem
     * and nothing is written. Counts rows located in the force's own districts by LSOA, month and
     * crime type (ASB as its own type); reports the rest. A month and force imported again replaces
     * its earlier counts. One transaction, with its audit event.
     */
    async importPoliceUk(ctx: ActorContext, files: readonly string[]): Promise<PoliceUkImportReport> {
      const started = performance.now();
      if (!files.length) {
        throw new ValidationError('No police.uk files were given.', [
          {
            field: 'FILE',
            message:
              'Give one or more police.uk street-level crime files, for example 2019-01-norfolk-street.csv',
          },
        ]);
      }
      const problems = new CrimeProblems();
      const names = await expandFiles(files, problems);
      const h = await hierarchy();
      if (h.lsoaDistrict.size === 0) {
        throw new ValidationError('The police.uk files were not imported because no LSOAs are loaded.', [
          {
            message:
              'Import the reference data first (clmd reference import DIR): police.uk crimes are counted by LSOA',
          },
        ]);
      }
      const forceDistricts = new Map<string, Set<string>>();
      for (const l of h.localities) {
        forceDistricts.set(
          l.policeForce,
          new Set([...h.districts.values()].filter((d) => d.localityCode === l.code).map((d) => d.code)),
        );
      }
      const areas: PoliceUkAreas = {
        lsoaDistrict: h.lsoaDistrict,
        forceDistricts,
        districtName: new Map([...h.districts.values()].map((d) => [d.code, d.name])),
      };

      const read: { name: string; data: PoliceUkFile }[] = [];
      for (const name of names) {
        const before = problems.count;
        const data = await readPoliceUkFile({ name, absolutePath: path.resolve(name) }, areas, problems);
        if (data && problems.count === before) read.push({ name, data });
      }
      const seen = new Map<string, string>();
      for (const { name, data } of read) {
        const key = `${data.report.month}\u0000${data.report.force}`;
        const other = seen.get(key);
        if (other) {
          problems.add('duplicate', {
            file: name,
            message: `${other} also holds ${data.report.force}'s crimes for ${data.report.month}. Import one file for each month and force`,
          });
        }
        seen.set(key, name);
      }
      problems.throwIfAny();

      return db.transaction().execute(async (trx) => {
        await repository.lock(trx);
        const reports: PoliceUkFileImport[] = [];
        const previous: (number | undefined)[] = [];
        for (const { data } of read) {
          const { month, force } = data.report;
          const prev = (await repository.currentSources(trx, { from: month, to: month })).find(
            (s) => s.force === force,
          );
          previous.push(prev?.id);
          reports.push({
            ...data.report,
            replaced: prev
              ? {
                  importId: prev.import_id,
                  file: prev.file_name,
                  sha256: prev.sha256,
                  counted: prev.counted,
                  sameFile: prev.sha256 === data.report.sha256,
                }
              : null,
          });
        }
        const totals = totalsOf(reports);
        const row = await repository.insertImport(trx, {
          actor: ctx.actor,
          files: reports.map((r) => ({
            file: r.file,
            sha256: r.sha256,
            month: r.month,
            force: r.force,
            report: r as unknown as Record<string, unknown>,
          })),
          totals: totals as unknown as Record<string, unknown>,
        });
        for (const [i, { data }] of read.entries()) {
          const report = reports[i]!;
          const prevId = previous[i];
          if (prevId !== undefined) {
            await repository.markReplaced(trx, prevId, row.id);
            await repository.deleteCounts(trx, prevId);
          }
          const sourceFileId = await repository.insertSourceFile(trx, {
            import_id: row.id,
            month: report.month,
            force: report.force,
            file_name: report.file,
            sha256: report.sha256,
            rows_read: report.rowsRead,
            counted: report.counted,
          });
          await repository.insertCounts(
            trx,
            { month: report.month, sourceFileId },
            [...data.counts].map(([key, count]) => {
              const { lsoaCode, crimeType } = splitCountKey(key);
              return { lsoa_code: lsoaCode, crime_type: crimeType, count };
            }),
          );
        }
        await audit.record(trx, ctx, {
          action: 'crime.import',
          subjectType: 'crime_import',
          subjectId: String(row.id),
          details: {
            source: 'police.uk street-level crime',
            files: reports.map((r) => ({
              file: r.file,
              sha256: r.sha256,
              month: r.month,
              force: r.force,
              rowsRead: r.rowsRead,
              counted: r.counted,
              noLocation: r.noLocation.rows,
              outsideArea: r.outsideArea.rows,
              replacedImportId: r.replaced?.importId ?? null,
            })),
            counted: totals.counted,
          },
        });
        return {
          importId: row.id,
          importedAt: row.imported_at,
          importedBy: ctx.actor,
          durationMs: Math.round(performance.now() - started),
          files: reports,
          totals,
          asbInCrimeShares: false,
        };
      });
    },

    /** The months and forces whose counts are in the database now, with the file and import of each. */
    async sources(): Promise<CrimeSource[]> {
      const rows = await repository.currentSources(db);
      return rows.map((r) => ({
        month: r.month,
        force: r.force,
        file: r.file_name,
        sha256: r.sha256,
        rowsRead: r.rows_read,
        counted: r.counted,
        importId: r.import_id,
        importedAt: r.imported_at,
        importedBy: r.actor,
      }));
    },

    /**
     * Each district's (or 2025 ward's) count of located crime in the period and its share of its
     * locality's. The denominator is all crime located by police.uk in the locality's districts and
     * recorded by the locality's force, without anti-social behaviour unless asked: the district shares
     * of a locality sum to 1. Each locality's (level 'locality') share is of the four localities'
     * crime together: they sum to 1. Rows with no location, or placed outside the force's districts,
     * are in no count (the import reports them).
     */
    async crimeShares(options: CrimeSharesOptions = {}): Promise<CrimeSharesResult> {
      const level = options.level ?? 'district';
      const excluded = checkTypes(options.excludeTypes ?? DEFAULT_EXCLUDED_TYPES, 'excludeTypes');
      const included = CRIME_TYPE_CODES.filter((c) => !excluded.includes(c));
      const p = await period(options);
      const h = await hierarchy();
      const [{ places, lsoaPlace }, localities, rows] = await Promise.all([
        placesOf(level, h),
        coverage(h, p),
        p
          ? repository.sumCounts(db, { ...p, excludeTypes: excluded, byType: false, byMonth: false })
          : Promise.resolve([]),
      ]);
      const byPlace = new Map<string, number>();
      const byDistrict = new Map<string, number>();
      const byLocality = new Map<string, number>();
      let unplaced = 0;
      for (const r of rows) {
        const district = h.lsoaDistrict.get(r.lsoa_code);
        const place = lsoaPlace(r.lsoa_code);
        if (!district) {
          unplaced += r.count;
          continue;
        }
        const locality = h.districts.get(district)!.localityCode;
        byDistrict.set(district, (byDistrict.get(district) ?? 0) + r.count);
        byLocality.set(locality, (byLocality.get(locality) ?? 0) + r.count);
        if (place) byPlace.set(place, (byPlace.get(place) ?? 0) + r.count);
        else unplaced += r.count;
      }
      const localityName = new Map(h.localities.map((l) => [l.code, l.name]));
      const share = (n: number, of: number | undefined) => (of ? n / of : null);
      const pathfinderCount = [...byLocality.values()].reduce((a, b) => a + b, 0);
      const areas: CrimeShare[] = places.map((a) => {
        const count = byPlace.get(a.code) ?? 0;
        const district = a.districtCode ? h.districts.get(a.districtCode) : undefined;
        return {
          code: a.code,
          name: a.name,
          level,
          districtCode: district?.code ?? null,
          districtName: district?.name ?? null,
          localityCode: a.localityCode,
          localityName: localityName.get(a.localityCode)!,
          count,
          share:
            level === 'locality'
              ? share(count, pathfinderCount)
              : share(count, byLocality.get(a.localityCode)),
          districtShare: level === 'ward' && district ? share(count, byDistrict.get(district.code)) : null,
        };
      });
      const months = p ? describeMonths(p) : 'the period';
      const what =
        `crime in ${months} that police.uk placed in the locality's districts, as recorded by the ` +
        `locality's force: ${describeTypes(included, excluded)}. Crimes with no location, or placed ` +
        `outside the force's districts, are in no count.`;
      return {
        level,
        from: p?.from ?? null,
        to: p?.to ?? null,
        excludedTypes: excluded,
        includedTypes: included,
        denominator:
          level === 'locality'
            ? `The Pathfinder's crime (the four localities together); each locality's count is all ${what} A locality without its force's file for a month adds nothing for that month.`
            : `All ${what}`,
        localities: localities.map((l) => {
          const count = byLocality.get(l.code) ?? 0;
          return { ...l, count, share: share(count, pathfinderCount) };
        }),
        pathfinderCount,
        areas,
        unplaced,
      };
    },

    /**
     * Counts of the given crime types (default the county-lines proxies: drugs, possession of
     * weapons, violence and sexual offences) by area of a level, over the period or by month. Every
     * area and type has a row (zero when none); by month, only months with the locality's own file.
     */
    async crimeCounts(options: CrimeCountsOptions): Promise<CrimeCountsResult> {
      const level = options.level;
      const types = checkTypes(options.crimeTypes ?? PROXY_CRIME_TYPES, 'crimeTypes');
      if (!types.length)
        throw new ValidationError('No crime types were given.', [
          { field: 'crimeTypes', message: `Give one or more of ${CRIME_TYPE_CODES.join(', ')}` },
        ]);
      const byMonth = options.byMonth ?? false;
      const p = await period(options);
      const h = await hierarchy();
      const [{ places, lsoaPlace }, localities, rows] = await Promise.all([
        placesOf(level, h),
        coverage(h, p),
        p
          ? repository.sumCounts(db, { ...p, includeTypes: types, byType: true, byMonth })
          : Promise.resolve([]),
      ]);
      const counts = new Map<string, number>();
      let unplaced = 0;
      for (const r of rows) {
        const place = lsoaPlace(r.lsoa_code);
        if (!place) {
          unplaced += r.count;
          continue;
        }
        const key = `${place}\t${r.crime_type}\t${r.month ?? ''}`;
        counts.set(key, (counts.get(key) ?? 0) + r.count);
      }
      const monthsOf = new Map(localities.map((l) => [l.code, l.months]));
      const out: CrimeCountRow[] = [];
      for (const a of places) {
        const months = byMonth ? (monthsOf.get(a.localityCode) ?? []) : [null];
        for (const month of months) {
          for (const crimeType of types) {
            out.push({
              areaCode: a.code,
              areaName: a.name,
              level,
              districtCode: a.districtCode,
              localityCode: a.localityCode,
              month,
              crimeType,
              count: counts.get(`${a.code}\t${crimeType}\t${month ?? ''}`) ?? 0,
            });
          }
        }
      }
      return {
        level,
        from: p?.from ?? null,
        to: p?.to ?? null,
        crimeTypes: types,
        localities,
        rows: out,
        unplaced,
      };
    },
  };
}

export type CrimeService = ReturnType<typeof createCrimeService>;
