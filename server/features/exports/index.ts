import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { HttpProblem } from '../../lib/http-problem';
import { isModerator } from '../auth/actor';
import { ExportQuery, exportWhere } from './export.filters';
import { exportRows } from './export.rows';
import { csvExport } from './formats/csv';
import type { ExportContext, ExportFormat, ExportTheme } from './formats/format';
import { geojsonExport } from './formats/geojson';
import { gogocartoExport } from './formats/gogocarto';
import { jsonldExport } from './formats/jsonld';
import { mednumCsvExport } from './formats/mednum-csv';

const FORMATS: Record<string, { format: ExportFormat; summary: string }> = {
  '/api/export.geojson': {
    format: geojsonExport,
    summary: 'Entries as a GeoJSON FeatureCollection (ids, themes, relations)',
  },
  '/api/export.csv': {
    format: csvExport,
    summary: 'Entries as CSV (UTF-8 with BOM, `,`, formulas neutralized)',
  },
  '/api/export.jsonld': {
    format: jsonldExport,
    summary: 'Entries as schema.org JSON-LD (Place, Organization, CreativeWork)',
  },
  '/api/export.mednum.csv': {
    format: mednumCsvExport,
    summary: 'Places in the "lieux de médiation numérique" CSV schema',
  },
  '/api/export.gogocarto.json': {
    format: gogocartoExport,
    summary: 'Located entries in GoGoCarto’s full JSON format',
  },
};

/**
 * Public exports with the filters of GET /api/entries, streamed page by page so that any size runs in
 * bounded memory. Other sites may fetch them (CORS `*`).
 */
export async function exportRoutes(app: FastifyInstance) {
  for (const [url, { format, summary }] of Object.entries(FORMATS)) {
    app.get(
      url,
      { schema: { summary, tags: ['exports'], querystring: ExportQuery } },
      async (request: FastifyRequest, reply: FastifyReply) => {
        const query = request.query as ExportQuery;
        if (query.status?.some((s) => s !== 'published') && !isModerator(request.actor)) {
          throw new HttpProblem(403, 'Only moderators may export entries that are not published.');
        }
        const filter = exportWhere(query);
        if ('errors' in filter) {
          throw new HttpProblem(400, filter.errors.map((e) => `${e.path} ${e.message}`).join('; '), {
            type: '/problems/validation',
            title: 'Invalid request',
            errors: filter.errors,
          });
        }
        const where = sql<boolean>`${filter.where}${format.onlyPlaces ? sql` AND e.kind = 'place'` : sql``}${
          format.onlyLocated ? sql` AND e.geom IS NOT NULL` : sql``
        }`;
        const ctx: ExportContext = { themes: await loadThemes(app.db), baseUrl: baseUrl(app, request) };
        const pages = exportRows(app.db, app.database.pool, app.database.engine, where);
        reply
          .header('content-type', format.contentType)
          .header('content-disposition', `inline; filename="${format.filename}"`)
          .header('access-control-allow-origin', '*')
          .header('cross-origin-resource-policy', 'cross-origin')
          .header('cache-control', 'no-cache');
        return reply.send(Readable.from(render(format, ctx, pages)));
      },
    );
  }
}

async function* render(
  format: ExportFormat,
  ctx: ExportContext,
  pages: AsyncGenerator<import('./export.rows').ExportRow[]>,
) {
  yield format.head(ctx);
  let index = 0;
  for await (const rows of pages) {
    let chunk = '';
    for (const row of rows) {
      const text = format.row(row, ctx, index);
      if (text === null) continue;
      chunk += text;
      index++;
    }
    if (chunk) yield chunk;
  }
  yield format.tail(ctx);
}

async function loadThemes(db: FastifyInstance['db']): Promise<Map<string, ExportTheme>> {
  const { rows } = await sql<{
    slug: string;
    parent: string | null;
    label_fr: string;
    label_en: string;
    color: string;
    icon: string | null;
  }>`
    SELECT t.slug, p.slug AS parent, t.label_fr, t.label_en, t.color, t.icon
    FROM themes t LEFT JOIN themes p ON p.id = t.parent_id ORDER BY t.position, t.slug`.execute(db);
  return new Map(
    rows.map((r) => [
      r.slug,
      {
        slug: r.slug,
        parent: r.parent,
        labels: { fr: r.label_fr, en: r.label_en },
        color: r.color,
        icon: r.icon,
      },
    ]),
  );
}

function baseUrl(app: FastifyInstance, request: FastifyRequest): string {
  return app.config.publicUrl ?? `${request.protocol}://${request.host}`;
}
