import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import { NotFoundError } from '../../platform/errors.ts';
import {
  derivedRows,
  districtRow,
  districtTypeLabel,
  file10Rows,
  formatShare,
  formatWhole,
  localityAnchor,
} from './geography.present.ts';

/** Areas and open reference data (IMD 2019, ONS) are public. */
const view = { config: { policy: { action: 'areas.view' as const } } };

const AREA_CODE = /^[A-Za-z0-9-]{1,20}$/;

export function geographyRoutes(deps: Deps) {
  const { geography } = deps;

  return async (app: FastifyInstance) => {
    app.get('/areas', view, async (_request, reply) => {
      const { hasReferenceData, localities } = await geography.localitiesOverview();
      return reply.page('geography/views/areas.njk', {
        title: 'Areas',
        hasReferenceData,
        localities: localities.map((l) => ({
          code: l.code,
          anchor: localityAnchor(l.code),
          name: l.name,
          policeForce: l.policeForce,
          districts: l.districts.map(districtRow),
          totalChildren: hasReferenceData
            ? formatWhole(l.districts.reduce((n, d) => n + (d.derived.children0To15 ?? 0), 0))
            : formatWhole(null),
        })),
        breadcrumbs: [{ text: 'Home', href: '/' }],
      });
    });

    app.get<{ Params: { code: string } }>('/areas/:code', view, async (request, reply) => {
      const { code } = request.params;
      if (!AREA_CODE.test(code))
        throw new NotFoundError('There is no area with that code in the Pathfinder.');
      const profile = await geography.districtProfile(code.toUpperCase());
      const { district, locality } = profile;
      return reply.page('geography/views/district.njk', {
        title: district.name,
        hasReferenceData: profile.hasReferenceData,
        district,
        locality,
        typeLabel: districtTypeLabel(district),
        derived: derivedRows(district.derived),
        file10: file10Rows(district.summary),
        wardVintage: profile.wardVintage,
        wards: profile.wards.map((w) => ({
          code: w.code,
          name: w.name,
          lsoaCount: formatWhole(w.derived.lsoaCount),
          population: formatWhole(w.derived.population),
          children: formatWhole(w.derived.children0To15),
          weightedImdRank: formatWhole(w.derived.populationWeightedImdRank),
          mostDeprived10: formatShare(w.derived.shareInMostDeprivedDecile),
        })),
        breadcrumbs: [
          { text: 'Home', href: '/' },
          { text: 'Areas', href: '/areas' },
          { text: locality.name, href: `/areas#${localityAnchor(locality.code)}` },
        ],
      });
    });
  };
}
