// Disclosure control at the size of one indicator for the four localities: 692 wards → 32 districts →
// 4 localities → the Pathfinder, by a 4-value breakdown and its total, for 12 months (months are not
// additive: no year total, so each month is its own set of constraints). Counts are synthetic and seeded:
// ward-level small counts, many of them 1–4. The hierarchy is generated here too (no reference data).
//
//   node --import tsx bench/sdc.bench.ts      (or import { runSdcBench, printSdcBench } from bench/run.ts)
//
// Timing is not a test: these are figures. The budget for primary + secondary suppression is 500 ms; the
// auditor (LP) is reported separately, as is the audited control that publication actually uses.
import { pathToFileURL } from 'node:url';
import { gridStructure, type AreaLink } from '../src/modules/disclosure/additive-structure.ts';
import { auditSuppression } from '../src/modules/disclosure/audit-suppression.ts';
import { createRandom } from '../src/modules/demo/random.ts';
import {
  cellKey,
  ruleFor,
  type DisclosureRule,
  type Table,
} from '../src/modules/disclosure/disclosure.model.ts';
import { publishedCells } from '../src/modules/disclosure/published-knowledge.ts';
import { applyDisclosureControl } from '../src/modules/disclosure/suppress.ts';

const WARDS = 692;
const DISTRICTS_PER_LOCALITY = [7, 5, 6, 14];
const BREAKDOWN = ['under-12', '12-14', '15-16', '17'];
const MONTHS = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);

function poisson(random: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

/** 692 wards over 32 districts over 4 localities, every district with at least 8 wards. */
function areas(random: () => number): AreaLink[] {
  const links: AreaLink[] = [{ code: 'P', parent: null }];
  const districts: string[] = [];
  DISTRICTS_PER_LOCALITY.forEach((n, l) => {
    links.push({ code: `L${l + 1}`, parent: 'P' });
    for (let d = 1; d <= n; d++) {
      const code = `L${l + 1}D${d}`;
      links.push({ code, parent: `L${l + 1}` });
      districts.push(code);
    }
  });
  const wardsIn = districts.map(() => 8);
  for (let w = 8 * districts.length; w < WARDS; w++) wardsIn[Math.floor(random() * districts.length)]! += 1;
  districts.forEach((district, i) => {
    for (let w = 1; w <= (wardsIn[i] as number); w++)
      links.push({ code: `${district}W${w}`, parent: district });
  });
  return links;
}

function buildTable(links: readonly AreaLink[], random: () => number): Table {
  const children = new Map<string, string[]>();
  for (const a of links) if (a.parent) children.set(a.parent, [...(children.get(a.parent) ?? []), a.code]);
  const counts = new Map<string, number>();
  // Ward rates vary a lot (a few hot spots), so most ward cells are 0–4 and some are larger.
  const wardMean = new Map<string, number>();
  for (const a of links) if (!children.has(a.code)) wardMean.set(a.code, 0.3 + 2.5 * random() ** 3);
  const value = (area: string, label: string, month: string): number => {
    const key = cellKey(area, label, month);
    const known = counts.get(key);
    if (known !== undefined) return known;
    const kids = children.get(area);
    let v: number;
    if (kids) v = kids.reduce((s, k) => s + value(k, label, month), 0);
    else if (label === 'total') v = BREAKDOWN.reduce((s, b) => s + value(area, b, month), 0);
    else v = poisson(random, wardMean.get(area) as number);
    counts.set(key, v);
    return v;
  };
  const cells = links.flatMap((a) =>
    ['total', ...BREAKDOWN].flatMap((label) =>
      MONTHS.map((month) => ({ key: cellKey(a.code, label, month), count: value(a.code, label, month) })),
    ),
  );
  return { cells };
}

/** The figures for one tier; times in milliseconds. */
export interface SdcBenchFigures {
  readonly tier: string;
  readonly cells: number;
  readonly smallCells: number;
  readonly primary: number;
  /** Primary + secondary (the fast heuristic), the median of three runs. */
  readonly heuristicMs: number;
  /** The standalone auditor on the heuristic's output. */
  readonly auditMs: number;
  readonly auditFailures: number;
  /** Audited control, as publication uses it: heuristic, audit-and-repair, final audit. */
  readonly auditedMs: number;
  readonly repairMs: number;
  readonly verifyMs: number;
  readonly addedByAudit: number;
  readonly suppressed: number;
  readonly passed: boolean;
}

const BUDGET_MS = 500;

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function measure(
  name: string,
  rule: DisclosureRule,
  table: Table,
  links: readonly AreaLink[],
): SdcBenchFigures {
  const structure = gridStructure(links, [
    { name: 'age', values: BREAKDOWN, total: 'total' },
    { name: 'month', values: MONTHS },
  ]);
  const runs = [0, 1, 2].map(() => applyDisclosureControl(table, structure, rule, { mode: 'heuristic' }));
  const fast = runs[0]!;
  const heuristicMs = median(runs.map((r) => r.detail.timings.primaryMs + r.detail.timings.secondaryMs));
  // Rounded output: give the auditor the true values as its witness (see AuditOptions.witness).
  const witness = new Map(table.cells.map((c) => [c.key, c.count ?? 0]));
  const audit = auditSuppression(publishedCells(fast.cells, rule), structure, {
    protectionLevel: rule.protectionLevel,
    ...(rule.roundTo === null ? {} : { witness }),
  });
  const full = applyDisclosureControl(table, structure, rule);
  const t = full.detail.timings;
  return {
    tier: name,
    cells: table.cells.length,
    smallCells: table.cells.filter((c) => c.count !== null && c.count >= 1 && c.count <= 4).length,
    primary: [...fast.detail.reasons.values()].filter((r) => r === 'primary').length,
    heuristicMs,
    auditMs: audit.ms,
    auditFailures: audit.failures.length,
    auditedMs: t.primaryMs + t.secondaryMs + t.repairMs + t.verifyMs,
    repairMs: t.repairMs,
    verifyMs: t.verifyMs,
    addedByAudit: full.detail.addedByAudit,
    suppressed: full.suppressed.size,
    passed: full.audit?.passed ?? false,
  };
}

/** Build the synthetic indicator and measure both tiers that suppress. */
export function runSdcBench(seed = 20250101): SdcBenchFigures[] {
  const random = createRandom(seed).next;
  const links = areas(random);
  const table = buildTable(links, random);
  return [
    measure('partnership (1–4 [c])', ruleFor('partnership'), table, links),
    measure('public (1–7 [c], rounded to 5)', ruleFor('public'), table, links),
  ];
}

export function printSdcBench(figures: readonly SdcBenchFigures[]): void {
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  console.log(
    `disclosure control: ${WARDS} wards → 32 districts → 4 localities → Pathfinder × 5 × 12 months`,
  );
  for (const f of figures) {
    console.log(`\n${f.tier}: ${f.cells} cells (${f.smallCells} are 1–4)`);
    console.log(
      `  primary + secondary   ${ms(f.heuristicMs)}  (${(f.heuristicMs / BUDGET_MS).toFixed(2)} × the ${BUDGET_MS} ms budget; ` +
        `${f.primary} primary)`,
    );
    console.log(
      `  auditor               ${ms(f.auditMs)}  (${f.auditFailures} cells too narrow after the heuristic)`,
    );
    console.log(
      `  audited control       ${ms(f.auditedMs)}  (repair ${ms(f.repairMs)}, +${f.addedByAudit} cells; ` +
        `final audit ${ms(f.verifyMs)}, ${f.passed ? 'passes' : 'FAILS'}); ${f.suppressed} suppressed`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printSdcBench(runSdcBench());
