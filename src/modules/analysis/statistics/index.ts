/**
 * The clmd statistics library: Fingertips / PHEindicatormethods-compatible indicator methods.
 * See `README.md` in this folder for the methods, references and conformance results.
 *
 * @module
 */

export {
  betaQuantile,
  chiSquaredCdf,
  chiSquaredQuantile,
  fCdf,
  fQuantile,
  gammaQuantile,
  logBeta,
  logGamma,
  normalCdf,
  normalQuantile,
  poissonCdf,
  regularisedBeta,
  regularisedGammaP,
  regularisedGammaQ,
  studentTCdf,
  studentTQuantile,
} from './distributions.ts';
export {
  byarsInterval,
  byarsLower,
  byarsUpper,
  checkConfidence,
  exactBinomialInterval,
  exactPoissonInterval,
  poissonCountInterval,
  wilsonInterval,
  zForConfidence,
  type ConfidenceInterval,
  type CountIntervalMethod,
} from './intervals.ts';
export {
  crudeProportion,
  crudeRate,
  crudeValue,
  isPresent,
  meanWithInterval,
  type CrudeOptions,
  type IndicatorEstimate,
  type MaybeNumber,
  type MeanEstimate,
} from './indicators.ts';
export {
  ESP2013,
  directlyStandardisedRate,
  directlyStandardisedRateNonIndependent,
  indirectlyStandardisedRate,
  indirectlyStandardisedRatio,
  type DsrBand,
  type DsrEstimate,
  type DsrOptions,
  type IsrBand,
  type IsrEstimate,
  type IsrOptions,
  type NonIndependentDsrBand,
} from './standardisation.ts';
export {
  funnelRatioLimit,
  poissonFunnelMean,
  proportionFunnelLimit,
  proportionFunnelLimits,
  proportionFunnelSignificance,
  rateFunnelLimits,
  rateFunnelPoints,
  rateFunnelSignificance,
  ratioFunnelLimits,
  ratioFunnelSignificance,
  type FunnelInput,
  type FunnelSide,
  type FunnelSignificance,
  type ProportionFunnelRow,
  type RateFunnelInput,
  type RateFunnelOptions,
  type RateFunnelPoint,
  type RateFunnelRow,
  type RateType,
  type RatioFunnelRow,
} from './funnels.ts';
export { assignQuantiles, type QuantileOptions } from './quantiles.ts';
export {
  POLARITIES,
  compareWithBenchmark,
  isPolarity,
  polarityDirection,
  type IntervalToCompare,
  type NeutralComparison,
  type NeutralPolarity,
  type NotCompared,
  type PolarisedComparison,
  type Polarity,
  type PolarityDirection,
} from './benchmark.ts';
export {
  CI95_WIDTH_IN_STANDARD_ERRORS,
  TREND_CHI_SQUARED_THRESHOLD,
  TREND_POINTS,
  trendMarker,
  weightedSlope,
  type TrendMarker,
  type TrendPoint,
  type TrendResult,
} from './trend.ts';
