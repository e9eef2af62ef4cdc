"""Reference values for distributions.test.ts, computed with mpmath at 50 significant digits and
printed to 30. Run: python3 src/modules/analysis/statistics/distributions.reference.py
(needs mpmath; scipy, if present, only supplies starting points for the root finder).

Every quantile is found by solving CDF(x) = p with mpmath.findroot on the mpmath CDF (working in
log space for the tiny tail probabilities), then checked by substituting back. The printed table
is pasted into REFERENCE in distributions.test.ts.
"""

import mpmath as mp

mp.mp.dps = 50

try:
    from scipy import stats as _st
except ImportError:  # pragma: no cover - start values then come from mpmath itself
    _st = None


def solve(f, start):
    """Root of f near start: bracket it by widening around start, then Anderson-Bjorck."""
    start = mp.mpf(start)
    width = abs(start) * mp.mpf("1e-9") if start != 0 else mp.mpf("1e-9")
    for _ in range(60):
        lo, hi = start - width, start + width
        flo, fhi = f(lo), f(hi)
        if mp.sign(flo) != mp.sign(fhi):
            root = mp.findroot(f, (lo, hi), solver="anderson")
            return mp.re(root)
        width *= 4
    raise ValueError("no bracket found near %s" % start)


def norm_cdf(x):
    return mp.ncdf(x)


def norm_q(p):
    p = mp.mpf(p)
    if p < mp.mpf("0.5"):
        start = _st.norm.ppf(float(p)) if _st else -mp.sqrt(-2 * mp.log(p))
        return solve(lambda x: mp.log(mp.ncdf(x)) - mp.log(p), start)
    return -norm_q(1 - p)


def gamma_p(a, x):
    return mp.gammainc(a, 0, x, regularized=True)


def gamma_q_upper(a, x):
    return mp.gammainc(a, x, mp.inf, regularized=True)


def gamma_quantile(p, a, lower=True):
    p = mp.mpf(p)
    a = mp.mpf(a)
    start = (_st.gamma.ppf(float(p), float(a)) if lower else _st.gamma.isf(float(p), float(a))) if _st else a
    f = (lambda x: mp.log(gamma_p(a, x)) - mp.log(p)) if lower else (lambda x: mp.log(gamma_q_upper(a, x)) - mp.log(p))
    return solve(f, start)


def beta_i(x, a, b):
    return mp.betainc(a, b, 0, x, regularized=True)


def beta_quantile(p, a, b, lower=True):
    p, a, b = mp.mpf(p), mp.mpf(a), mp.mpf(b)
    start = (_st.beta.ppf(float(p), float(a), float(b)) if lower else _st.beta.isf(float(p), float(a), float(b))) if _st else a / (a + b)
    if lower:
        f = lambda x: mp.log(beta_i(x, a, b)) - mp.log(p)
    else:
        f = lambda x: mp.log(mp.betainc(a, b, x, 1, regularized=True)) - mp.log(p)
    return solve(f, start)


def t_cdf(t, df):
    # P(|T| > |t|) = 1 - I_{t^2/(df+t^2)}(1/2, df/2)  (Abramowitz & Stegun 26.7.1)
    t, df = mp.mpf(t), mp.mpf(df)
    tail = (1 - mp.betainc(mp.mpf("0.5"), df / 2, 0, t * t / (df + t * t), regularized=True)) / 2
    return tail if t < 0 else 1 - tail


def t_quantile(p, df):
    p, df = mp.mpf(p), mp.mpf(df)
    if p == mp.mpf("0.5"):
        return mp.mpf(0)
    if p > mp.mpf("0.5"):
        return -t_quantile(1 - p, df)
    start = _st.t.ppf(float(p), float(df)) if _st else -1
    return solve(lambda t: mp.log(t_cdf(t, df)) - mp.log(p), start)


def f_cdf(x, d1, d2):
    x, d1, d2 = mp.mpf(x), mp.mpf(d1), mp.mpf(d2)
    return beta_i(d1 * x / (d1 * x + d2), d1 / 2, d2 / 2)


def f_quantile(p, d1, d2):
    d1, d2 = mp.mpf(d1), mp.mpf(d2)
    b = beta_quantile(p, d1 / 2, d2 / 2)
    return d2 * b / (d1 * (1 - b))


def poisson_cdf(k, lam):
    return gamma_q_upper(mp.mpf(k) + 1, mp.mpf(lam))


def log_beta(a, b):
    return mp.log(mp.beta(a, b))


CASES = [
    # normal quantile
    ("normalQuantile", (0.975,), lambda p: norm_q(p)),
    ("normalQuantile", (0.999,), lambda p: norm_q(p)),
    ("normalQuantile", (0.025,), lambda p: norm_q(p)),
    ("normalQuantile", (0.3,), lambda p: norm_q(p)),
    ("normalQuantile", (0.9,), lambda p: norm_q(p)),
    ("normalQuantile", (0.01,), lambda p: norm_q(p)),
    ("normalQuantile", (1e-10,), lambda p: norm_q(p)),
    ("normalQuantile", (1e-20,), lambda p: norm_q(p)),
    ("normalQuantile", (1e-300,), lambda p: norm_q(p)),
    ("normalQuantile", (0.9999999,), lambda p: norm_q(p)),
    # normal cdf
    ("normalCdf", (-1.96,), norm_cdf),
    ("normalCdf", (1.0,), norm_cdf),
    ("normalCdf", (0.5,), norm_cdf),
    ("normalCdf", (3.090232306167813,), norm_cdf),
    ("normalCdf", (-10.0,), norm_cdf),
    ("normalCdf", (-37.5,), norm_cdf),
    ("normalCdf", (6.0,), norm_cdf),
    # log gamma
    ("logGamma", (0.5,), mp.loggamma),
    ("logGamma", (1e-5,), mp.loggamma),
    ("logGamma", (0.1,), mp.loggamma),
    ("logGamma", (3.5,), mp.loggamma),
    ("logGamma", (7.3,), mp.loggamma),
    ("logGamma", (10.0,), mp.loggamma),
    ("logGamma", (12.7,), mp.loggamma),
    ("logGamma", (100.0,), mp.loggamma),
    ("logGamma", (1e6,), mp.loggamma),
    # log beta
    ("logBeta", (0.5, 0.5), log_beta),
    ("logBeta", (2.0, 3.0), log_beta),
    ("logBeta", (15.0, 0.5), log_beta),
    ("logBeta", (30.0, 40.0), log_beta),
    ("logBeta", (1000.0, 3.5), log_beta),
    # regularised incomplete gamma
    ("regularisedGammaP", (0.5, 0.1), gamma_p),
    ("regularisedGammaP", (1.0, 1.0), gamma_p),
    ("regularisedGammaP", (5.0, 3.0), gamma_p),
    ("regularisedGammaP", (10.0, 15.0), gamma_p),
    ("regularisedGammaP", (100.0, 90.0), gamma_p),
    ("regularisedGammaP", (1000.0, 1100.0), gamma_p),
    ("regularisedGammaQ", (3.0, 20.0), gamma_q_upper),
    ("regularisedGammaQ", (0.5, 30.0), gamma_q_upper),
    ("regularisedGammaQ", (50.0, 40.0), gamma_q_upper),
    # chi-squared
    ("chiSquaredQuantile", (0.025, 2.0), lambda p, df: 2 * gamma_quantile(p, mp.mpf(df) / 2)),
    ("chiSquaredQuantile", (0.975, 2.0), lambda p, df: 2 * gamma_quantile(p, mp.mpf(df) / 2)),
    ("chiSquaredQuantile", (0.001, 20.0), lambda p, df: 2 * gamma_quantile(p, mp.mpf(df) / 2)),
    ("chiSquaredQuantile", (0.999, 20.0), lambda p, df: 2 * gamma_quantile(p, mp.mpf(df) / 2)),
    ("chiSquaredQuantile", (0.998, 1.0), lambda p, df: 2 * gamma_quantile(p, mp.mpf(df) / 2)),
    ("chiSquaredQuantile", (0.5, 1.0), lambda p, df: 2 * gamma_quantile(p, mp.mpf(df) / 2)),
    ("chiSquaredQuantile", (1e-10, 3.0), lambda p, df: 2 * gamma_quantile(p, mp.mpf(df) / 2)),
    ("chiSquaredQuantile", (0.025, 10000.0), lambda p, df: 2 * gamma_quantile(p, mp.mpf(df) / 2)),
    ("chiSquaredQuantile", (0.999, 2000000.0), lambda p, df: 2 * gamma_quantile(p, mp.mpf(df) / 2)),
    ("chiSquaredCdf", (3.84, 1.0), lambda x, df: gamma_p(mp.mpf(df) / 2, mp.mpf(x) / 2)),
    ("chiSquaredCdf", (25.0, 10.0), lambda x, df: gamma_p(mp.mpf(df) / 2, mp.mpf(x) / 2)),
    # gamma quantile (scale 1); upper-tail form where marked
    ("gammaQuantile", (0.025, 1.0), lambda p, a: gamma_quantile(p, a)),
    ("gammaQuantile", (0.001, 0.5), lambda p, a: gamma_quantile(p, a)),
    ("gammaQuantile", (0.975, 10.0), lambda p, a: gamma_quantile(p, a)),
    ("gammaQuantile", (0.999, 1000.0), lambda p, a: gamma_quantile(p, a)),
    ("gammaQuantile", (0.5, 1000000.0), lambda p, a: gamma_quantile(p, a)),
    ("gammaQuantile", (1e-12, 3.0), lambda p, a: gamma_quantile(p, a)),
    ("gammaQuantileUpper", (1e-12, 3.0), lambda p, a: gamma_quantile(p, a, lower=False)),
    ("gammaQuantileUpper", (0.025, 896.0), lambda p, a: gamma_quantile(p, a, lower=False)),
    # beta
    ("regularisedBeta", (0.3, 2.0, 5.0), beta_i),
    ("regularisedBeta", (0.01, 0.5, 0.5), beta_i),
    ("regularisedBeta", (0.65, 65.0, 36.0), beta_i),
    ("regularisedBeta", (0.002, 10.0, 1000.0), beta_i),
    ("betaQuantile", (0.025, 1.0, 99.0), lambda p, a, b: beta_quantile(p, a, b)),
    ("betaQuantile", (0.975, 2.0, 99.0), lambda p, a, b: beta_quantile(p, a, b)),
    ("betaQuantile", (0.5, 0.5, 0.5), lambda p, a, b: beta_quantile(p, a, b)),
    ("betaQuantile", (0.001, 65.0, 36.0), lambda p, a, b: beta_quantile(p, a, b)),
    ("betaQuantile", (0.999, 10.0, 1000.0), lambda p, a, b: beta_quantile(p, a, b)),
    ("betaQuantile", (1e-8, 3.0, 4.0), lambda p, a, b: beta_quantile(p, a, b)),
    ("betaQuantileUpper", (0.025, 66.0, 35.0), lambda p, a, b: beta_quantile(p, a, b, lower=False)),
    # Clopper-Pearson limits for 5 of 10^6 and 50 of 10^7, and a tail far out with a huge shape
    ("betaQuantile", (0.025, 5.0, 999996.0), lambda p, a, b: beta_quantile(p, a, b)),
    ("betaQuantileUpper", (0.025, 6.0, 999995.0), lambda p, a, b: beta_quantile(p, a, b, lower=False)),
    ("betaQuantile", (0.025, 50.0, 9999951.0), lambda p, a, b: beta_quantile(p, a, b)),
    ("betaQuantileUpper", (0.025, 51.0, 9999950.0), lambda p, a, b: beta_quantile(p, a, b, lower=False)),
    ("regularisedBetaUpper", (1.9088392012323086e-06, 3.7, 9999950.0), lambda x, a, b: mp.betainc(a, b, x, 1, regularized=True)),
    ("regularisedBeta", (0.5, 300.0, 300.0), beta_i),
    # Student's t
    ("studentTCdf", (2.0, 5.0), t_cdf),
    ("studentTCdf", (-3.5, 12.0), t_cdf),
    ("studentTCdf", (0.1, 3.0), t_cdf),
    ("studentTQuantile", (0.975, 7.0), t_quantile),
    ("studentTQuantile", (0.999, 17.0), t_quantile),
    ("studentTQuantile", (0.025, 25.0), t_quantile),
    ("studentTQuantile", (0.975, 1.0), t_quantile),
    ("studentTQuantile", (0.975, 2.0), t_quantile),
    ("studentTQuantile", (0.6, 5.0), t_quantile),
    ("studentTQuantile", (0.001, 100000.0), t_quantile),
    # F
    ("fCdf", (2.5, 3.0, 20.0), f_cdf),
    ("fQuantile", (0.95, 3.0, 20.0), f_quantile),
    ("fQuantile", (0.001, 10.0, 5.0), f_quantile),
    # Poisson
    ("poissonCdf", (3.0, 2.5), poisson_cdf),
    ("poissonCdf", (0.0, 10.0), poisson_cdf),
    ("poissonCdf", (120.0, 100.0), poisson_cdf),
]


def check(name, args, value):
    """Substitutes a quantile back into its distribution function."""
    a = [mp.mpf(x) for x in args]
    back = {
        "normalQuantile": lambda: mp.ncdf(value) / a[0],
        "chiSquaredQuantile": lambda: gamma_p(a[1] / 2, value / 2) / a[0],
        "gammaQuantile": lambda: gamma_p(a[1], value) / a[0],
        "gammaQuantileUpper": lambda: gamma_q_upper(a[1], value) / a[0],
        "betaQuantile": lambda: beta_i(value, a[1], a[2]) / a[0],
        "betaQuantileUpper": lambda: mp.betainc(a[1], a[2], value, 1, regularized=True) / a[0],
        "studentTQuantile": lambda: t_cdf(value, a[1]) / a[0],
        "fQuantile": lambda: f_cdf(value, a[1], a[2]) / a[0],
    }.get(name)
    if back is not None:
        ratio = back()
        assert abs(ratio - 1) < mp.mpf("1e-35"), (name, args, ratio)


def main():
    print("// generated by distributions.reference.py (mpmath %s, %d digits)" % (mp.__version__, mp.mp.dps))
    for name, args, f in CASES:
        value = f(*[mp.mpf(a) for a in args])
        check(name, args, value)
        print("  ['%s', [%s], '%s']," % (name, ", ".join(repr(a) for a in args), mp.nstr(value, 30, min_fixed=-5, max_fixed=5)))


if __name__ == "__main__":
    main()
