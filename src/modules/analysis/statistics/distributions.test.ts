// Special functions and distributions against reference values computed with mpmath
// (distributions.reference.py in this folder: 50-digit arithmetic, quantiles found by root-finding
// on the mpmath distribution functions and checked by substituting back, printed to 30 significant
// figures). Arguments are the doubles the TypeScript receives (e.g. 0.975 is the double nearest
// 0.975), so the references are exact for those inputs. A few are also textbook values that can be
// checked against R's documentation and standard tables: qnorm(0.975) = 1.959964,
// qchisq(0.998, 1) = 9.549536, qt(0.975, 1) = 12.7062, qt(0.975, 7) = 2.364624.
import { describe, expect, test } from 'vitest';
import * as d from './distributions.ts';

/** Largest relative error accepted against the 30-digit references. */
const TOLERANCE = 1e-12;

// prettier-ignore
const REFERENCE: [string, number[], string][] = [
  ['normalQuantile', [0.975], '1.95996398454005385560443064983'],
  ['normalQuantile', [0.999], '3.09023230616781327775820233256'],
  ['normalQuantile', [0.025], '-1.95996398454005421177958419423'],
  ['normalQuantile', [0.3], '-0.524400512708040815969454362264'],
  ['normalQuantile', [0.9], '1.28155156554460059348744828852'],
  ['normalQuantile', [0.01], '-2.32634787404084109307509639163'],
  ['normalQuantile', [1e-10], '-6.36134090240405619910039694879'],
  ['normalQuantile', [1e-20], '-9.26234008979840757957209460428'],
  ['normalQuantile', [1e-300], '-37.0470962993611992365470425049'],
  ['normalQuantile', [0.9999999], '5.19933758229066109365735582414'],
  ['normalCdf', [-1.96], '0.0249978951482204362128236923956'],
  ['normalCdf', [1.0], '0.841344746068542948585232545632'],
  ['normalCdf', [0.5], '0.691462461274013103637704610608'],
  ['normalCdf', [3.090232306167813], '0.998999999999999998823512459251'],
  ['normalCdf', [-10.0], '7.6198530241605260659733432516e-24'],
  ['normalCdf', [-37.5], '4.60535300958195484382796909761e-308'],
  ['normalCdf', [6.0], '0.999999999013412354962301859299'],
  ['logGamma', [0.5], '0.572364942924700087071713675677'],
  ['logGamma', [1e-05], '11.5129196928958256256173078503'],
  ['logGamma', [0.1], '2.2527126517342059020062379569'],
  ['logGamma', [3.5], '1.20097360234707422481602188145'],
  ['logGamma', [7.3], '7.14789252302224869210373015929'],
  ['logGamma', [10.0], '12.8018274800814696112077178746'],
  ['logGamma', [12.7], '19.2330431795700869124089383265'],
  ['logGamma', [100.0], '359.13420536957539877604401046'],
  ['logGamma', [1000000.0], '1.2815504569147611659976971785e+7'],
  ['logBeta', [0.5, 0.5], '1.14472988584940017414342735135'],
  ['logBeta', [2.0, 3.0], '-2.48490664978800031022970947984'],
  ['logBeta', [15.0, 0.5], '-0.77332836545223203678780613324'],
  ['logBeta', [30.0, 40.0], '-48.3017490959161251959946825632'],
  ['logBeta', [1000.0, 3.5], '-22.9805405054595879278920186114'],
  ['regularisedGammaP', [0.5, 0.1], '0.345279153981422979558163796893'],
  ['regularisedGammaP', [1.0, 1.0], '0.632120558828557678404476229839'],
  ['regularisedGammaP', [5.0, 3.0], '0.18473675547622793371326794373'],
  ['regularisedGammaP', [10.0, 15.0], '0.930146339300590232307739498137'],
  ['regularisedGammaP', [100.0, 90.0], '0.158220989186430168104969699671'],
  ['regularisedGammaP', [1000.0, 1100.0], '0.99894067674607002265112506662'],
  ['regularisedGammaQ', [3.0, 20.0], '4.55514950558921279980472824014e-7'],
  ['regularisedGammaQ', [0.5, 30.0], '9.4857375710738483884804289486e-15'],
  ['regularisedGammaQ', [50.0, 40.0], '0.929664933340605045562736097435'],
  ['chiSquaredQuantile', [0.025, 2.0], '0.0506356159685797536541717423928'],
  ['chiSquaredQuantile', [0.975, 2.0], '7.37775890822787082934807199495'],
  ['chiSquaredQuantile', [0.001, 20.0], '5.9210407454875191567343482643'],
  ['chiSquaredQuantile', [0.999, 20.0], '45.3147466181258586496951301947'],
  ['chiSquaredQuantile', [0.998, 1.0], '9.54953570608324166063645750532'],
  ['chiSquaredQuantile', [0.5, 1.0], '0.45493642311957275194251664698'],
  ['chiSquaredQuantile', [1e-10, 3.0], '5.20939762143448033029517985179e-7'],
  ['chiSquaredQuantile', [0.025, 10000.0], '9724.7183773897982287766744874'],
  ['chiSquaredQuantile', [0.999, 2000000.0], '2.00618616473970894312115156859e+6'],
  ['chiSquaredCdf', [3.84, 1.0], '0.94995647875129489681083851861'],
  ['chiSquaredCdf', [25.0, 10.0], '0.994654494512865935700672019488'],
  ['gammaQuantile', [0.025, 1.0], '0.0253178079842898768270858711964'],
  ['gammaQuantile', [0.001, 0.5], '7.85398574631244972359256793095e-7'],
  ['gammaQuantile', [0.975, 10.0], '17.0848034514191686040436617377'],
  ['gammaQuantile', [0.999, 1000.0], '1100.57809829331460116194138562'],
  ['gammaQuantile', [0.5, 1000000.0], '9.99999666666686419760297864654e+5'],
  ['gammaQuantile', [1e-12, 3.0], '0.000181720314626374439479796395489'],
  ['gammaQuantileUpper', [1e-12, 3.0], '34.052374190075691332615511493'],
  ['gammaQuantileUpper', [0.025, 896.0], '955.609443112677049379357396758'],
  ['regularisedBeta', [0.3, 2.0, 5.0], '0.579824999999999976009190660875'],
  ['regularisedBeta', [0.01, 0.5, 0.5], '0.0637685608585198485827860145653'],
  ['regularisedBeta', [0.65, 65.0, 36.0], '0.545836406182728149057348100582'],
  ['regularisedBeta', [0.002, 10.0, 1000.0], '4.86397649849539538485220642398e-5'],
  ['betaQuantile', [0.025, 1.0, 99.0], '0.000255702736665961521334158146681'],
  ['betaQuantile', [0.975, 2.0, 99.0], '0.0544593853920806474307304858481'],
  ['betaQuantile', [0.5, 0.5, 0.5], '0.5'],
  ['betaQuantile', [0.001, 65.0, 36.0], '0.491375611493601119699723714446'],
  ['betaQuantile', [0.999, 10.0, 1000.0], '0.0223036659424977658983982462311'],
  ['betaQuantile', [1e-08, 3.0, 4.0], '0.000794173540898330173481374629966'],
  ['betaQuantileUpper', [0.025, 66.0, 35.0], '0.742706221468548828809655702931'],
  ['betaQuantile', [0.025, 5.0, 999996.0], '1.62348831924116983275449365727e-6'],
  ['betaQuantileUpper', [0.025, 6.0, 999995.0], '1.16682931752088179908472252439e-5'],
  ['betaQuantile', [0.025, 50.0, 9999951.0], '3.71109857981788262500561215687e-6'],
  ['betaQuantileUpper', [0.025, 51.0, 9999950.0], '6.59187141970285532264107192903e-6'],
  ['regularisedBetaUpper', [1.9088392012323086e-06, 3.7, 9999950.0], '4.07672892189710222023792518621e-6'],
  ['regularisedBeta', [0.5, 300.0, 300.0], '0.5'],
  ['studentTCdf', [2.0, 5.0], '0.949030260585070821877319447079'],
  ['studentTCdf', [-3.5, 12.0], '0.00219093471587407445293283610447'],
  ['studentTCdf', [0.1, 3.0], '0.536673825599597087572322798433'],
  ['studentTQuantile', [0.975, 7.0], '2.36462425159278473787178702959'],
  ['studentTQuantile', [0.999, 17.0], '3.64576738007840900848148837876'],
  ['studentTQuantile', [0.025, 25.0], '-2.05953855275329772194247940241'],
  ['studentTQuantile', [0.975, 1.0], '12.706204736174693314101641219'],
  ['studentTQuantile', [0.975, 2.0], '4.30265272974946178942037599664'],
  ['studentTQuantile', [0.6, 5.0], '0.267180865704145065694481586307'],
  ['studentTQuantile', [0.001, 100000.0], '-3.09031380942723760756288036242'],
  ['fCdf', [2.5, 3.0, 20.0], '0.911156248062310788495663061418'],
  ['fQuantile', [0.95, 3.0, 20.0], '3.0983912121407791534055844585'],
  ['fQuantile', [0.001, 10.0, 5.0], '0.0954132697477568209106023589753'],
  ['poissonCdf', [3.0, 2.5], '0.757576133133065963752108391436'],
  ['poissonCdf', [0.0, 10.0], '4.53999297624848515355915155606e-5'],
  ['poissonCdf', [120.0, 100.0], '0.97733067092164730830516965956'],
];

function evaluate(name: string, args: readonly number[]): number {
  const [x = Number.NaN, y = Number.NaN, z = Number.NaN] = args;
  switch (name) {
    case 'normalQuantile':
      return d.normalQuantile(x);
    case 'normalCdf':
      return d.normalCdf(x);
    case 'logGamma':
      return d.logGamma(x);
    case 'logBeta':
      return d.logBeta(x, y);
    case 'regularisedGammaP':
      return d.regularisedGammaP(x, y);
    case 'regularisedGammaQ':
      return d.regularisedGammaQ(x, y);
    case 'chiSquaredQuantile':
      return d.chiSquaredQuantile(x, y);
    case 'chiSquaredCdf':
      return d.chiSquaredCdf(x, y);
    case 'gammaQuantile':
      return d.gammaQuantile(x, y);
    case 'gammaQuantileUpper':
      return d.gammaQuantile(x, y, { lowerTail: false });
    case 'regularisedBeta':
      return d.regularisedBeta(x, y, z);
    case 'regularisedBetaUpper':
      return d.regularisedBeta(x, y, z, false);
    case 'betaQuantile':
      return d.betaQuantile(x, y, z);
    case 'betaQuantileUpper':
      return d.betaQuantile(x, y, z, false);
    case 'studentTCdf':
      return d.studentTCdf(x, y);
    case 'studentTQuantile':
      return d.studentTQuantile(x, y);
    case 'fCdf':
      return d.fCdf(x, y, z);
    case 'fQuantile':
      return d.fQuantile(x, y, z);
    case 'poissonCdf':
      return d.poissonCdf(x, y);
    default:
      throw new Error(`no such function ${name}`);
  }
}

describe('against 30-digit mpmath references (relative error ≤ 1e-12)', () => {
  const cases = REFERENCE.map(([name, args, expected]) => ({
    name,
    args,
    expected,
    title: `${name}(${args.join(', ')})`,
  }));

  test.each(cases)('$title', ({ name, args, expected }) => {
    const actual = evaluate(name, args);
    const reference = Number(expected);
    const relative = Math.abs(actual - reference) / Math.abs(reference);
    expect(relative, `got ${actual}, expected ${expected}`).toBeLessThanOrEqual(TOLERANCE);
  });
});

describe('edge cases', () => {
  const inf = Number.POSITIVE_INFINITY;

  test('p = 0 and p = 1 give the ends of the support', () => {
    expect(d.normalQuantile(0)).toBe(-inf);
    expect(d.normalQuantile(1)).toBe(inf);
    expect(d.normalQuantile(0, false)).toBe(inf);
    expect(d.normalQuantile(1, false)).toBe(-inf);
    expect(d.chiSquaredQuantile(0, 3)).toBe(0);
    expect(d.chiSquaredQuantile(1, 3)).toBe(inf);
    expect(d.chiSquaredQuantile(0, 3, false)).toBe(inf);
    expect(d.chiSquaredQuantile(1, 3, false)).toBe(0);
    expect(d.gammaQuantile(0, 2)).toBe(0);
    expect(d.gammaQuantile(1, 2)).toBe(inf);
    expect(d.betaQuantile(0, 2, 3)).toBe(0);
    expect(d.betaQuantile(1, 2, 3)).toBe(1);
    expect(d.betaQuantile(0, 2, 3, false)).toBe(1);
    expect(d.studentTQuantile(0, 5)).toBe(-inf);
    expect(d.studentTQuantile(1, 5)).toBe(inf);
    expect(d.fQuantile(0, 3, 4)).toBe(0);
    expect(d.fQuantile(1, 3, 4)).toBe(inf);
  });

  test('p = ½ gives the median exactly where it is known', () => {
    expect(d.normalQuantile(0.5)).toBe(0);
    expect(d.studentTQuantile(0.5, 3)).toBe(0);
    expect(d.betaQuantile(0.5, 0.5, 0.5)).toBeCloseTo(0.5, 15);
  });

  test('chi-squared on 0 degrees of freedom is the point mass at 0 (as R)', () => {
    expect(d.chiSquaredQuantile(0.025, 0)).toBe(0);
    expect(d.gammaQuantile(0.5, 0)).toBe(0);
  });

  test('probabilities outside [0, 1] and bad shapes are errors', () => {
    for (const p of [-0.1, 1.1, Number.NaN]) {
      expect(() => d.normalQuantile(p)).toThrow(RangeError);
      expect(() => d.chiSquaredQuantile(p, 2)).toThrow(RangeError);
      expect(() => d.betaQuantile(p, 2, 2)).toThrow(RangeError);
      expect(() => d.studentTQuantile(p, 2)).toThrow(RangeError);
    }
    expect(() => d.gammaQuantile(0.5, -1)).toThrow(RangeError);
    expect(() => d.gammaQuantile(0.5, 1, { scale: 0 })).toThrow(RangeError);
    expect(() => d.betaQuantile(0.5, 0, 1)).toThrow(RangeError);
    expect(() => d.studentTQuantile(0.5, 0)).toThrow(RangeError);
  });

  test('distribution functions at the ends of their support', () => {
    expect(d.normalCdf(-inf)).toBe(0);
    expect(d.normalCdf(inf)).toBe(1);
    expect(d.normalCdf(0)).toBe(0.5);
    expect(d.regularisedGammaP(2, 0)).toBe(0);
    expect(d.regularisedGammaQ(2, 0)).toBe(1);
    expect(d.regularisedGammaP(2, inf)).toBe(1);
    expect(d.regularisedBeta(0, 2, 3)).toBe(0);
    expect(d.regularisedBeta(1, 2, 3)).toBe(1);
    expect(d.studentTCdf(0, 4)).toBe(0.5);
    expect(d.fCdf(0, 2, 3)).toBe(0);
    expect(d.poissonCdf(-1, 3)).toBe(0);
    expect(d.logGamma(1)).toBe(0);
    expect(d.logGamma(2)).toBe(0);
    expect(d.logGamma(0)).toBe(inf);
    expect(d.logGamma(-1)).toBeNaN();
  });

  test('quantile and distribution function invert each other', () => {
    for (const p of [1e-9, 0.001, 0.025, 0.5, 0.975, 0.999]) {
      expect(d.normalCdf(d.normalQuantile(p)) / p).toBeCloseTo(1, 13);
      expect(d.chiSquaredCdf(d.chiSquaredQuantile(p, 7), 7) / p).toBeCloseTo(1, 13);
      expect(d.studentTCdf(d.studentTQuantile(p, 9), 9) / p).toBeCloseTo(1, 12);
      expect(d.regularisedBeta(d.betaQuantile(p, 3, 8), 3, 8) / p).toBeCloseTo(1, 13);
    }
  });

  test('upper-tail forms keep relative accuracy where 1 − p would not', () => {
    // Q(3, 40) ≈ 3.4e-15: 1 − P would be mostly rounding error.
    const q = d.regularisedGammaQ(3, 40);
    expect(q).toBeGreaterThan(0);
    expect(d.chiSquaredCdf(80, 6, false) / q).toBeCloseTo(1, 13);
    expect(d.gammaQuantile(q, 3, { lowerTail: false })).toBeCloseTo(40, 10);
  });
});
