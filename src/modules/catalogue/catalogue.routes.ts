import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { diffCatalogues, formatDiff } from './catalogue.diff.ts';
import { SPREADSHEET_COLUMNS, STATUS_LABELS } from './catalogue.model.ts';
import { groupByCategory, machineFields } from './catalogue.present.ts';
import {
  CATALOGUE_FORMATS,
  CONTENT_TYPES,
  UTF8_BOM,
  exportFileName,
  toCatalogueJson,
  writeCatalogueCsv,
  writeCatalogueXlsx,
} from './catalogue.spreadsheet.ts';

/** The catalogue describes indicators, not children: anyone may read and download it. */
const view = { config: { policy: { action: 'catalogue.view' as const } } };

const versionQuery = z.object({ version: z.coerce.number().int().positive().optional() });

export function catalogueRoutes(deps: Deps) {
  const { catalogue } = deps;
  const load = (version: number | undefined) =>
    version === undefined ? catalogue.current() : catalogue.version(version);

  return async (app: FastifyInstance) => {
    app.get('/catalogue', view, async (request, reply) => {
      const { version } = versionQuery.parse(request.query);
      const snap = await load(version);
      const latest = version === undefined ? snap.version : (await catalogue.current()).version;
      return reply.page('catalogue/views/list.njk', {
        title: 'Indicator catalogue',
        snapshot: snap,
        isLatest: snap.version.number === latest.number,
        groups: groupByCategory(snap.indicators),
        statusLabels: STATUS_LABELS,
      });
    });

    app.get<{ Params: { id: string } }>('/catalogue/indicators/:id', view, async (request, reply) => {
      const { version } = versionQuery.parse(request.query);
      const { version: v, indicator } = await catalogue.indicator(request.params.id, version);
      return reply.page('catalogue/views/indicator.njk', {
        title: indicator.name,
        version: v,
        indicator,
        columns: SPREADSHEET_COLUMNS.map((c) => ({
          letter: c.letter,
          header: c.header,
          value: indicator[c.key],
        })),
        machine: machineFields(indicator),
        breadcrumbs: [
          { text: 'Home', href: '/' },
          { text: 'Catalogue', href: version ? `/catalogue?version=${version}` : '/catalogue' },
        ],
      });
    });

    app.get('/catalogue/versions', view, async (_request, reply) => {
      return reply.page('catalogue/views/versions.njk', {
        title: 'Catalogue versions',
        versions: await catalogue.listVersions(),
        breadcrumbs: [
          { text: 'Home', href: '/' },
          { text: 'Catalogue', href: '/catalogue' },
        ],
      });
    });

    app.get<{ Params: { n: string } }>('/catalogue/versions/:n', view, async (request, reply) => {
      const n = z.coerce.number().int().positive().parse(request.params.n);
      const snap = await catalogue.version(n);
      const previous = n > 1 ? await catalogue.version(n - 1) : undefined;
      return reply.page('catalogue/views/version.njk', {
        title: `Catalogue version ${n}`,
        snapshot: snap,
        changes: previous ? formatDiff(diffCatalogues(previous.indicators, snap.indicators)) : [],
        breadcrumbs: [
          { text: 'Home', href: '/' },
          { text: 'Catalogue versions', href: '/catalogue/versions' },
        ],
      });
    });

    // Downloads: the Dataset workbook, the flat CSV and JSON of the current or a given version.
    for (const format of CATALOGUE_FORMATS) {
      app.get(`/catalogue/export.${format}`, view, async (request, reply) => {
        const { version } = versionQuery.parse(request.query);
        const snap = await load(version);
        const n = snap.version.number;
        const body =
          format === 'xlsx'
            ? await writeCatalogueXlsx(snap.indicators, n)
            : format === 'csv'
              ? UTF8_BOM + writeCatalogueCsv(snap.indicators)
              : JSON.stringify(toCatalogueJson(snap.indicators, n), null, 2) + '\n';
        return reply
          .header('Content-Type', CONTENT_TYPES[format])
          .header('Content-Disposition', `attachment; filename="${exportFileName(n, format)}"`)
          .header('Cache-Control', 'no-store')
          .send(body);
      });
    }
  };
}
