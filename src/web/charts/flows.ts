// Origin → destination flows (out-of-area arrests, missing young people found elsewhere …) as
// a two-column diagram: origins on the left, destinations on the right, one arrow per flow with
// its width in proportion to the number and its label printed at the start.
import {
  CATEGORICAL_COLOURS,
  COLOURS,
  chartId,
  escapeXml,
  fmt,
  haloAttributes,
  chartWithFoot,
  textLines,
  textWidth,
  wrapText,
  type ChartText,
  type LegendEntry,
} from './svg.ts';

export interface FlowNode {
  id: string;
  name: string;
}

export interface Flow {
  from: string;
  to: string;
  /** Null when suppressed (or not available). */
  value: number | null;
  /** The text shown, e.g. "124" or "[c]". */
  label: string;
  /** Drawn dashed and thin; defaults to value === null. */
  suppressed?: boolean;
}

export interface FlowsOptions extends ChartText {
  /** Nodes in the order to list them (top to bottom in both columns). */
  nodes: readonly FlowNode[];
  flows: readonly Flow[];
  /** What is counted, for the legend, e.g. "arrests" (default "cases"). */
  valueTitle?: string;
  fromTitle?: string;
  toTitle?: string;
  width?: number;
  /** Width of the largest flow (default 24). */
  maxFlowWidth?: number;
  note?: string;
}

/** Colours for flows by origin: the categorical palette without its grey, kept for suppressed flows. */
const FLOW_COLOURS = CATEGORICAL_COLOURS.filter((c) => c !== '#3d3d3d');

const PAD = 8;
const BAR = 8;
const ARROW = 10;
const NODE_GAP = 14;
const MIN_SLOT = 20;
const HEADER = 28;
const LINE = 17;

interface Placed {
  flow: Flow;
  suppressed: boolean;
  width: number;
  slot: number;
  y1: number;
  y2: number;
}

/**
 * A flow diagram. Flows of 0 are not drawn (the table beside the chart lists them); suppressed
 * flows are thin dashed grey arrows labelled "[c]". Throws on a flow naming an unknown node.
 */
export function flowDiagram(options: FlowsOptions): string {
  const id = chartId('flows', options.id, `${options.title}|${options.description}`);
  const width = options.width ?? 720;
  const maxW = options.maxFlowWidth ?? 24;
  const nodeIndex = new Map(options.nodes.map((n, i) => [n.id, i]));
  for (const f of options.flows) {
    for (const end of [f.from, f.to]) {
      if (!nodeIndex.has(end)) throw new RangeError(`Flow refers to unknown node "${end}"`);
    }
  }
  const drawn = options.flows
    .map((flow) => ({ flow, suppressed: flow.suppressed ?? flow.value === null }))
    .filter(({ flow, suppressed }) => suppressed || (flow.value !== null && flow.value > 0));
  const maxValue = Math.max(0, ...drawn.map(({ flow }) => flow.value ?? 0));
  const placed: Placed[] = drawn.map(({ flow, suppressed }) => {
    const w = suppressed || maxValue === 0 ? 2 : Math.max(2, ((flow.value ?? 0) / maxValue) * maxW);
    return { flow, suppressed, width: w, slot: Math.max(MIN_SLOT, w + 8), y1: 0, y2: 0 };
  });
  const order = (idOf: string): number => nodeIndex.get(idOf) ?? 0;
  const origins = options.nodes.filter((n) => placed.some((p) => p.flow.from === n.id));
  const destinations = options.nodes.filter((n) => placed.some((p) => p.flow.to === n.id));

  // Node boxes: each node is as tall as the slots of its flows.
  const nameWidth = (nodes: readonly FlowNode[]): number =>
    Math.min(180, Math.max(60, ...nodes.map((n) => textWidth(n.name, 14))));
  const leftNames = nameWidth(origins);
  const rightNames = nameWidth(destinations);
  const leftBar = PAD + leftNames + 8;
  const rightBar = width - PAD - rightNames - 8 - BAR;
  const top = PAD + HEADER;

  const layoutColumn = (
    nodes: readonly FlowNode[],
    flowsOf: (n: FlowNode) => Placed[],
    set: (p: Placed, y: number) => void,
    nameWidthPx: number,
  ): { boxes: { node: FlowNode; y: number; h: number }[]; height: number } => {
    let y = 0;
    const boxes = nodes.map((node) => {
      const start = y;
      const own = flowsOf(node);
      const slots = own.reduce((sum, p) => sum + p.slot, 0);
      // Tall enough for the flows and for the node's name, however many lines it wraps to.
      const h = Math.max(slots, wrapText(node.name, nameWidthPx, 14).length * LINE + 4);
      let at = start + (h - slots) / 2;
      for (const p of own) {
        set(p, at + p.slot / 2);
        at += p.slot;
      }
      const box = { node, y: start, h };
      y = start + h + NODE_GAP;
      return box;
    });
    return { boxes, height: Math.max(0, y - NODE_GAP) };
  };
  const left = layoutColumn(
    origins,
    (n) => placed.filter((p) => p.flow.from === n.id).sort((a, b) => order(a.flow.to) - order(b.flow.to)),
    (p, y) => (p.y1 = y),
    leftNames,
  );
  const right = layoutColumn(
    destinations,
    (n) => placed.filter((p) => p.flow.to === n.id).sort((a, b) => order(a.flow.from) - order(b.flow.from)),
    (p, y) => (p.y2 = y),
    rightNames,
  );
  const columnHeight = Math.max(left.height, right.height);
  const leftOffset = top + (columnHeight - left.height) / 2;
  const rightOffset = top + (columnHeight - right.height) / 2;

  const nameOf = (nodeId: string): string => options.nodes[order(nodeId)]?.name ?? nodeId;
  const originColour = (nodeId: string): string =>
    FLOW_COLOURS[
      Math.max(
        0,
        origins.findIndex((n) => n.id === nodeId),
      ) % FLOW_COLOURS.length
    ] ?? COLOURS.text;

  const flowsSvg = placed
    .map((p) => {
      const x1 = leftBar + BAR;
      const x2 = rightBar;
      const y1 = leftOffset + p.y1;
      const y2 = rightOffset + p.y2;
      const end = x2 - ARROW;
      const mid = (x1 + end) / 2;
      const colour = p.suppressed ? COLOURS.secondaryText : originColour(p.flow.from);
      const head = Math.max(p.width / 2 + 3, 5);
      const tooltip = `${nameOf(p.flow.from)} to ${nameOf(p.flow.to)}: ${p.flow.label}`;
      return (
        `<g class="clmd-chart-flow${p.suppressed ? ' clmd-chart-flow--suppressed' : ''}" data-from="${escapeXml(p.flow.from)}" data-to="${escapeXml(p.flow.to)}">` +
        `<title>${escapeXml(tooltip)}</title>` +
        `<path d="M${fmt(x1)} ${fmt(y1)}C${fmt(mid)} ${fmt(y1)} ${fmt(mid)} ${fmt(y2)} ${fmt(end)} ${fmt(y2)}" fill="none" stroke="${colour}"` +
        ` stroke-width="${fmt(p.width)}" stroke-opacity="${p.suppressed ? 1 : 0.65}"${p.suppressed ? ' stroke-dasharray="6 4"' : ''}/>` +
        `<path d="M${fmt(end - 0.5)} ${fmt(y2 - head)}L${fmt(x2)} ${fmt(y2)}L${fmt(end - 0.5)} ${fmt(y2 + head)}Z" fill="${colour}"/>` +
        `<text x="${fmt(x1 + 6)}" y="${fmt(y1 + 4.5)}" font-size="12" font-weight="bold" fill="${COLOURS.text}"${haloAttributes()}>${escapeXml(p.flow.label)}</text>` +
        `</g>`
      );
    })
    .join('');

  const nodeSvg = (
    boxes: { node: FlowNode; y: number; h: number }[],
    offset: number,
    barX: number,
    side: 'left' | 'right',
    maxNameWidth: number,
  ): string =>
    boxes
      .map((b) => {
        const y = offset + b.y;
        const lines = wrapText(b.node.name, maxNameWidth, 14);
        const ty = y + b.h / 2 + 5 - ((lines.length - 1) * LINE) / 2;
        const tx = side === 'left' ? barX - 8 : barX + BAR + 8;
        return (
          `<g class="clmd-chart-node" data-node="${escapeXml(b.node.id)}" data-side="${side === 'left' ? 'from' : 'to'}">` +
          `<rect x="${fmt(barX)}" y="${fmt(y)}" width="${BAR}" height="${fmt(b.h)}" fill="${COLOURS.text}"/>` +
          textLines(lines, tx, ty, {
            lineHeight: LINE,
            attributes: side === 'left' ? ' text-anchor="end"' : '',
          }) +
          `</g>`
        );
      })
      .join('');

  const headers =
    `<text x="${fmt(leftBar + BAR)}" y="${fmt(PAD + 16)}" text-anchor="end" font-weight="bold">${escapeXml(options.fromTitle ?? 'From')}</text>` +
    `<text x="${fmt(rightBar)}" y="${fmt(PAD + 16)}" font-weight="bold">${escapeXml(options.toTitle ?? 'To')}</text>`;

  const entries: LegendEntry[] = [];
  if (placed.some((p) => !p.suppressed)) {
    entries.push({
      key: 'width',
      label: `Width shows the number of ${options.valueTitle ?? 'cases'}`,
      swatch: { kind: 'line', stroke: COLOURS.secondaryText, width: 8 },
    });
  }
  if (placed.some((p) => p.suppressed)) {
    entries.push({
      key: 'suppressed',
      label: '[c] suppressed (dashed)',
      swatch: { kind: 'line', stroke: COLOURS.secondaryText, width: 2, dash: '6 4' },
    });
  }
  const legendY = top + columnHeight + 20;
  const empty = placed.length
    ? ''
    : `<text x="${fmt(width / 2)}" y="${fmt(top + 16)}" text-anchor="middle" fill="${COLOURS.secondaryText}">No flows to show</text>`;

  return chartWithFoot({
    id,
    kind: 'flows',
    width,
    text: options,
    body:
      headers +
      `<g class="clmd-chart-flows">${flowsSvg}</g>` +
      nodeSvg(left.boxes, leftOffset, leftBar, 'left', leftNames) +
      nodeSvg(right.boxes, rightOffset, rightBar, 'right', rightNames) +
      empty,
    // With no flows there is no legend, only room for "No flows to show".
    footTop: placed.length ? legendY : legendY + 24,
    entries,
    note: options.note,
  });
}
