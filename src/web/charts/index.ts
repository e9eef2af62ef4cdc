// Server-rendered SVG charts and maps. Each function is pure and returns SVG markup to place in a
// page beside an accessible table of the same figures (see clmd-charts.css for the styles).
export {
  choroplethMap,
  type ChoroplethFeature,
  type ChoroplethOptions,
  type AreaGeometry,
} from './choropleth.ts';
export { tileGridMap, TILE_LAYOUT, type TileGridOptions } from './tile-grid.ts';
export { timeSeriesChart, type Series, type SeriesPoint, type TimeSeriesOptions } from './time-series.ts';
export {
  funnelPlot,
  FUNNEL_CLASSES,
  type FunnelLimit,
  type FunnelPlotOptions,
  type FunnelPoint,
} from './funnel-plot.ts';
export { scatterPlot, type ScatterPlotOptions, type ScatterPoint } from './scatter-plot.ts';
export { flowDiagram, type Flow, type FlowNode, type FlowsOptions } from './flows.ts';
export {
  breaksScale,
  categoricalScale,
  quantileScale,
  type AreaDatum,
  type ColourClass,
  type ColourScale,
  type SequentialOptions,
} from './colour-scale.ts';
export { niceTicks, type NiceTicks } from './axes.ts';
export type { PointClass } from './points.ts';
export {
  CATEGORICAL_COLOURS,
  SEQUENTIAL_PALETTES,
  escapeXml,
  formatNumber,
  type ChartText,
  type MarkerShape,
  type SequentialPalette,
} from './svg.ts';
