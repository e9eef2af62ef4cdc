// What a combination of section 3.1 shows: its inputs (with where each is missing), tables of measures
// by area, charts, and a short plain-English reading generated from the figures. Every cell is text
// already through disclosure control.
import type { ControlledTable, ViewTier } from '../../data/data.service.ts';
import type { InputFigures } from './inputs.ts';

export interface MeasureColumn {
  key: string;
  label: string;
  numeric: boolean;
}

export interface MeasureRow {
  code: string;
  name: string;
  level: string;
  cells: Record<string, string>;
}

export interface MeasureTable {
  id: string;
  title: string;
  columns: MeasureColumn[];
  rows: MeasureRow[];
  note?: string;
}

export interface InputSummary {
  id: string;
  name: string;
  windowLabel: string;
  tier: ViewTier;
  /** Localities with no figures for this input in the window (not the same as suppressed). */
  missingFor: string[];
  caveats: string;
}

export interface ScatterChart {
  kind: 'scatter';
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  points: { code: string; name: string; x: number; y: number }[];
}

export interface FlowChart {
  kind: 'flows';
  id: string;
  title: string;
  nodes: { id: string; label: string }[];
  flows: { from: string; to: string; value: number | null; label: string }[];
}

export type CombinationChart = ScatterChart | FlowChart;

export interface CombinationResult {
  id: string;
  number: number;
  name: string;
  section: string;
  /** What the combination asks, after the report. */
  question: string;
  period: string;
  inputs: InputSummary[];
  tables: MeasureTable[];
  charts: CombinationChart[];
  /** Sentences generated from the figures shown. */
  reading: string[];
  synthetic: boolean;
  /** Every controlled table read, for the audit trail. */
  sourceTables: ControlledTable[];
}

export interface LocalityArea {
  code: string;
  name: string;
  level: string;
}

/** The input's summary: which localities have no figures for it at all. */
export function summariseInput(input: InputFigures, localities: readonly LocalityArea[]): InputSummary {
  return {
    id: input.indicator.id,
    name: input.indicator.name,
    windowLabel: input.windowLabel,
    tier: input.tier,
    missingFor: localities.filter((l) => input.count(l.code).status === 'not-available').map((l) => l.name),
    caveats: input.indicator.caveats,
  };
}

/** "No figures for … were received for …", one sentence per input with a locality missing. */
export function missingSentences(inputs: readonly InputSummary[]): string[] {
  // Locality names hold commas ("Essex, Southend-on-Sea and Thurrock"), so they are listed with semicolons.
  return inputs
    .filter((i) => i.missingFor.length)
    .map((i) => `No figures for “${i.name}” were received for ${i.missingFor.join('; ')}.`);
}
