// What changed between two catalogues, field by field, for the import report and the version history.
import { SPREADSHEET_COLUMNS, type Indicator } from './catalogue.model.ts';
import { canonicalJson } from '../../platform/canonical-json.ts';

export interface FieldChange {
  field: keyof Indicator;
  /** Human label: the spreadsheet header for columns A–H, else the machine field name. */
  label: string;
  from: string;
  to: string;
}

export interface CatalogueDiff {
  added: Indicator[];
  removed: Indicator[];
  changed: { id: string; name: string; changes: FieldChange[] }[];
}

const FIELDS: (keyof Indicator)[] = [
  'category',
  'name',
  'granularity',
  'source',
  'dataType',
  'purpose',
  'caveats',
  'combinationsText',
  'status',
  'provenance',
  'valueType',
  'unit',
  'periodKind',
  'areaLevels',
  'dimensions',
  'polarity',
  'combinations',
  'achievability',
  'suppliers',
  'tier',
];

function label(field: keyof Indicator): string {
  return SPREADSHEET_COLUMNS.find((c) => c.key === field)?.header ?? field;
}

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.join(', ');
  return canonicalJson(value);
}

export function diffCatalogues(before: readonly Indicator[], after: readonly Indicator[]): CatalogueDiff {
  const old = new Map(before.map((i) => [i.id, i]));
  const next = new Map(after.map((i) => [i.id, i]));
  const diff: CatalogueDiff = { added: [], removed: [], changed: [] };
  for (const i of after) if (!old.has(i.id)) diff.added.push(i);
  for (const i of before) if (!next.has(i.id)) diff.removed.push(i);
  for (const b of after) {
    const a = old.get(b.id);
    if (!a) continue;
    const changes = FIELDS.filter((f) => canonicalJson(a[f]) !== canonicalJson(b[f])).map((f) => ({
      field: f,
      label: label(f),
      from: show(a[f]),
      to: show(b[f]),
    }));
    if (changes.length) diff.changed.push({ id: b.id, name: b.name, changes });
  }
  return diff;
}

export function isEmptyDiff(d: CatalogueDiff): boolean {
  return !d.added.length && !d.removed.length && !d.changed.length;
}

/** "2 added, 1 removed, 3 changed" or "no changes". */
export function summariseDiff(d: CatalogueDiff): string {
  if (isEmptyDiff(d)) return 'no changes';
  const parts = [
    d.added.length && `${d.added.length} added`,
    d.removed.length && `${d.removed.length} removed`,
    d.changed.length && `${d.changed.length} changed`,
  ].filter(Boolean);
  return parts.join(', ');
}

/** A readable, line-per-change account of the diff for the CLI and the version page. */
export function formatDiff(d: CatalogueDiff): string[] {
  const lines: string[] = [];
  for (const i of d.added) lines.push(`+ added ${i.id}: ${i.name}`);
  for (const i of d.removed) lines.push(`- removed ${i.id}: ${i.name}`);
  for (const c of d.changed) {
    lines.push(`~ changed ${c.id}: ${c.name}`);
    for (const f of c.changes) lines.push(`    ${f.label}: "${f.from}" → "${f.to}"`);
  }
  return lines;
}
