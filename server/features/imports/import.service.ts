import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database, Role } from '../../../db/database';
import type { ImportCounts, ImportFormat, ImportMapping, ImportRecord } from '../../contract/import';
import type { LiveBus } from '../../plugins/live-bus';
import { insertRevisions } from '../revisions/revision.repository';
import { type Classification, classifyRows } from './analyse';
import type { BackgroundJobs } from './background-jobs';
import { appendBatchRevisions } from './create-revisions';
import {
  emptyCounts,
  findImport,
  type ImportReport,
  insertImport,
  parallelWriters,
  toImportRecord,
  updateImport,
} from './import.repository';
import type { NormalizedRow } from './mapping-apply';
import { findMissingRelations, reportMissingRelations } from './missing-relations';
import { type PreparedImport, prepareImport } from './prepare';
import { revertImport } from './revert';
import { runBatches } from './run-batches';
import { createMissingThemes, themeSlugs } from './themes.repository';
import { type BatchContext, type ProvidedFields, writeBatch } from './write-batch';
import { type RelationToWrite, writeRelations } from './write-relations';

export const DEFAULT_BATCH_SIZE = 1000;
const REPORT_LIST_MAX = 1_000;

export interface ImportDeps {
  db: Kysely<Database>;
  liveBus: LiveBus;
  jobs: BackgroundJobs;
  log: FastifyBaseLogger;
}

export interface ImportOptions {
  format?: ImportFormat;
  mapping?: ImportMapping;
  dryRun: boolean;
  sourceName: string;
  filename: string | null;
  onDuplicate?: 'skip' | 'create';
  actor: { id: string | null; name: string | null; role: Role | null };
  batchSize?: number;
  /** A sync: entries of this source that the file no longer has are archived after the run. */
  archive?: (ctx: BatchContext, seenRefs: Set<string>) => Promise<number>;
  countArchive?: boolean;
  extraOptions?: Record<string, unknown>;
}

/**
 * Reads, maps and classifies a file, then either records the dry run's report, or starts the real run in
 * the background and returns at once (follow it with GET /api/imports/:id or its progress stream).
 * Throws ImportInputError when the file cannot be read: nothing is written then.
 */
export async function startImport(
  deps: ImportDeps,
  bytes: Uint8Array,
  options: ImportOptions,
): Promise<{ record: ImportRecord; finished: Promise<void> }> {
  const started = performance.now();
  const canCreateThemes = options.actor.role === 'admin';
  const prepared = await prepareImport(bytes, options, async (definitions) => {
    if (canCreateThemes && definitions.length > 0) await createMissingThemes(deps.db, definitions);
    return themeSlugs(deps.db);
  });
  const prepareMs = performance.now() - started;
  const classification = await classifyRows(deps.db, prepared.rows, options.sourceName, {
    countArchive: options.countArchive ?? false,
  });
  if (options.onDuplicate === 'create') {
    for (const d of classification.duplicates)
      if (d.reason === 'similar-nearby') classification.creates.add(d.row);
  }
  const counts = planCounts(prepared, classification);
  const report = buildReport(prepared, classification);
  reportMissingRelations(report, await plannedMissingRelations(deps.db, prepared, classification));
  report.timings = {
    prepare: Math.round(prepareMs),
    classify: Math.round(performance.now() - started - prepareMs),
  };
  const id = randomUUID();
  await insertImport(deps.db, {
    id,
    format: prepared.format,
    status: options.dryRun ? 'done' : 'running',
    dryRun: options.dryRun,
    sourceName: options.sourceName,
    filename: options.filename,
    options: {
      mapping: prepared.mapping,
      onDuplicate: options.onDuplicate ?? 'skip',
      ...options.extraOptions,
    },
    counts,
    report,
    createdBy: options.actor.id,
  });
  let finished = Promise.resolve();
  if (!options.dryRun) {
    finished = new Promise<void>((resolve) => {
      deps.jobs.start(() =>
        applyImport(deps, id, prepared, classification, options, counts, report).finally(resolve),
      );
    });
  }
  const row = await findImport(deps.db, id);
  return { record: toImportRecord(row!), finished };
}

/** The links of the rows to write whose target will exist neither in the file's entries nor in the atlas. */
function plannedMissingRelations(db: Kysely<Database>, prepared: PreparedImport, c: Classification) {
  const work = prepared.rows.filter((r) => c.creates.has(r.rowNumber) || c.updates.has(r.rowNumber));
  const fileIds = new Set<string>();
  for (const row of work) {
    if (row.entryId && c.creates.has(row.rowNumber)) fileIds.add(row.entryId);
    const updated = c.updates.get(row.rowNumber);
    if (updated) fileIds.add(updated);
  }
  return findMissingRelations(db, work, fileIds);
}

function planCounts(prepared: PreparedImport, c: Classification): ImportCounts {
  const counts = emptyCounts();
  counts.read = prepared.read;
  counts.create = c.creates.size;
  counts.update = c.updates.size;
  counts.duplicate = c.duplicates.filter((d) => !c.creates.has(d.row)).length;
  counts.rejected = prepared.rejected.length + c.rejected.length;
  counts.toLocate = prepared.rows.filter(
    (r) => c.creates.has(r.rowNumber) && r.kind === 'place' && r.lng === null,
  ).length;
  counts.archive = c.toArchive;
  counts.total = counts.create + counts.update;
  return counts;
}

function buildReport(prepared: PreparedImport, c: Classification): ImportReport {
  const rejected = [...prepared.rejected, ...c.rejected].sort((a, b) => a.row - b.row);
  const actions = new Map<number, string>();
  for (const n of c.creates) actions.set(n, 'create');
  for (const n of c.updates.keys()) actions.set(n, 'update');
  const warnings = [...prepared.warnings];
  if (rejected.length > REPORT_LIST_MAX)
    warnings.push(`only the first ${REPORT_LIST_MAX} rejected rows are listed`);
  return {
    encoding: prepared.encoding,
    ...(prepared.delimiter ? { delimiter: prepared.delimiter } : {}),
    columns: prepared.columns,
    mapping: prepared.mapping,
    sample: prepared.rows.slice(0, 5).map((r) => preview(r, actions.get(r.rowNumber) ?? 'skip')),
    rejected: rejected.slice(0, REPORT_LIST_MAX),
    duplicates: c.duplicates.slice(0, REPORT_LIST_MAX),
    themeValues: prepared.themeValues,
    warnings,
  };
}

function preview(r: NormalizedRow, action: string) {
  return {
    row: r.rowNumber,
    action,
    type: 'Feature',
    id: r.entryId,
    geometry: r.lng === null || r.lat === null ? null : { type: 'Point', coordinates: [r.lng, r.lat] },
    properties: {
      kind: r.kind,
      name: r.name,
      summary: r.summary,
      url: r.url,
      address: {
        street: r.street,
        postcode: r.postcode,
        city: r.city,
        country: r.country,
        inseeCode: r.inseeCode,
      },
      themes: r.themes,
      tags: r.tags,
      sourceRef: r.sourceRef,
      toLocate: r.kind === 'place' && r.lng === null,
    },
  };
}

function providedFields(mapping: ImportMapping): ProvidedFields {
  const f = mapping.fields ?? {};
  return {
    kind: !!mapping.kind?.column,
    summary: !!f.summary,
    description: !!f.description,
    url: !!f.url,
    address: {
      street: !!f.street,
      postcode: !!f.postcode,
      city: !!f.city,
      country: !!f.country,
      inseeCode: !!f.inseeCode,
    },
    contact: !!(f.email || f.phone),
    license: !!f.license,
    tags: (mapping.tags?.columns?.length ?? 0) > 0,
    themes:
      (mapping.themes?.columns?.length ?? 0) > 0 ||
      Object.keys(mapping.themes?.flags ?? {}).length > 0 ||
      (mapping.themes?.default?.length ?? 0) > 0,
    status: false,
  };
}

async function applyImport(
  deps: ImportDeps,
  importId: string,
  prepared: PreparedImport,
  c: Classification,
  options: ImportOptions,
  counts: ImportCounts,
  report: ImportReport,
): Promise<void> {
  const { db, liveBus } = deps;
  const provided = providedFields(prepared.mapping);
  // An atlas export carries statuses of its own: keep them.
  provided.status = prepared.rows.some((r) => r.entryId !== null);
  const ctx: BatchContext = {
    importId,
    source: options.sourceName,
    actorId: options.actor.id,
    actorName: options.actor.name,
    provided,
  };
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const work = prepared.rows.filter((r) => c.creates.has(r.rowNumber) || c.updates.has(r.rowNumber));
  const entryIdOf = new Map<number, string>();
  const started = performance.now();
  try {
    const batches: NormalizedRow[][] = [];
    for (let i = 0; i < work.length; i += batchSize) batches.push(work.slice(i, i + batchSize));
    await runBatches(
      batches,
      await parallelWriters(db),
      async (chunk) => {
        const creates = chunk.filter((r) => c.creates.has(r.rowNumber));
        const updates = chunk.flatMap((row) => {
          const id = c.updates.get(row.rowNumber);
          return id ? [{ row, id }] : [];
        });
        const { result, lastRevisionId } = await db.transaction().execute(async (trx) => {
          const result = await writeBatch(trx, ctx, creates, updates);
          // Revisions last, right before commit: the live feed waits at an id taken but not committed.
          const lastRevisionId = await appendBatchRevisions(trx, ctx, result.createdThemes, result.revisions);
          return { result, lastRevisionId };
        });
        if (lastRevisionId) liveBus.committed(lastRevisionId);
        counts.created += result.created.length;
        counts.updated += result.updated.length;
        counts.unchanged += result.unchanged;
        counts.done += chunk.length;
        for (const row of result.conflicts) {
          counts.rejected++;
          report.rejected?.push({
            row,
            reason: 'write-conflict',
            detail: 'an entry with this id or source id was written meanwhile',
          });
        }
        for (const u of updates) entryIdOf.set(u.row.rowNumber, u.id);
        for (const [row, id] of result.createdIds) entryIdOf.set(row, id);
        // Progress after commit: inside the batch, two writers would queue on the import's row.
        await updateImport(db, importId, { counts, ...(result.conflicts.length > 0 ? { report } : {}) });
      },
      () => deps.jobs.stopping,
    );
    // Every entry of the file is written now: a target the atlas lacks is missing for good.
    const written = work.filter((row) => entryIdOf.has(row.rowNumber));
    const missing = await findMissingRelations(db, written, new Set());
    reportMissingRelations(report, missing);
    const left = new Set(missing.map((m) => `${m.row} ${m.type} ${m.target}`));
    const relations: RelationToWrite[] = written.flatMap((row) => {
      const from = entryIdOf.get(row.rowNumber)!;
      return row.relations
        .filter((r) => !left.has(`${row.rowNumber} ${r.type} ${r.to}`))
        .map((r) => ({ type: r.type, from, to: r.to }));
    });
    for (let i = 0; i < relations.length; i += batchSize * 2) {
      const ids = await db.transaction().execute(async (trx) => {
        const written = await writeRelations(trx, ctx, relations.slice(i, i + batchSize * 2));
        counts.relations += written.count;
        return insertRevisions(trx, written.revisions);
      });
      signal(liveBus, ids);
    }
    if (options.archive) {
      const seen = new Set(prepared.rows.flatMap((r) => (r.sourceRef ? [r.sourceRef] : [])));
      counts.archived = await options.archive(ctx, seen);
    }
    // Two writers may have reported their conflicts out of row order.
    report.rejected?.sort((a, b) => a.row - b.row);
    report.timings = { ...report.timings, write: Math.round(performance.now() - started) };
    await updateImport(db, importId, { status: 'done', counts, report, finished: true });
  } catch (error) {
    deps.log.error({ err: error, importId }, 'import failed; undoing what it wrote');
    const message = error instanceof Error ? error.message : String(error);
    try {
      const undone = await revertImport(db, liveBus, importId, {
        id: options.actor.id,
        name: options.actor.name,
      });
      report.revert = { ...undone };
    } catch (revertError) {
      deps.log.error({ err: revertError, importId }, 'undoing a failed import failed too');
    }
    report.error = `The import stopped after ${counts.done} of ${counts.total} rows (${message}); what it wrote was undone.`;
    await updateImport(db, importId, { status: 'failed', counts, report, finished: true });
  }
}

function signal(liveBus: LiveBus, ids: string[]): void {
  const last = ids[ids.length - 1];
  if (last) liveBus.committed(last);
}
