// A small bounded-variable primal simplex over a dense tableau, written for the auditor's problems:
// a few hundred variables, equality rows whose coefficients are 0 and ±1, every variable bounded below.
//
// Why our own: the auditor asks the same polytope for the minimum and maximum of every suppressed cell,
// so the solver keeps its basis between objectives (a warm start costs a handful of pivots where a fresh
// solve costs hundreds), which off-the-shelf JavaScript LP packages do not expose. Sum constraints are
// highly degenerate, so pricing switches from Dantzig's rule to Bland's (which cannot cycle) after a run
// of degenerate pivots.

export interface LpRow {
  /** [variable, coefficient] pairs; a variable may appear once. */
  readonly terms: readonly (readonly [number, number])[];
  readonly rhs: number;
}

export interface LpProblem {
  readonly variables: number;
  /** Equalities: Σ coefficient × x = rhs. */
  readonly rows: readonly LpRow[];
  /** Finite lower bounds. */
  readonly lower: readonly number[];
  /** Upper bounds; Infinity for none. */
  readonly upper: readonly number[];
}

const PIVOT_EPS = 1e-9;
const COST_EPS = 1e-9;
const FEASIBILITY_EPS = 1e-7;
/** Pivots between recomputations of the basic values from scratch. */
const REFRESH_EVERY = 200;
/** Degenerate pivots in a row before switching to Bland's rule. */
const DEGENERATE_RUN = 25;

type Outcome = 'optimal' | 'unbounded';

export class BoundedSimplex {
  private readonly m: number;
  private readonly n: number;
  /** Columns: n structural variables, then one artificial per row. */
  private readonly width: number;
  /** m × width, row-major: B⁻¹ times the (sign-adjusted) constraint matrix. */
  private readonly tableau: Float64Array;
  private readonly basis: Int32Array;
  private readonly rowOf: Int32Array;
  private readonly atUpper: Uint8Array;
  private readonly lo: Float64Array;
  private readonly up: Float64Array;
  private readonly beta: Float64Array;
  private readonly cost: Float64Array;
  /** Row signs chosen so that the starting artificial values are ≥ 0. */
  private readonly sign: Float64Array;
  private readonly problem: LpProblem;
  private feasible = false;
  private refreshedAt = 0;
  /** Pivots and bound flips so far, for the bench and for tests that check warm starts help. */
  iterations = 0;

  constructor(problem: LpProblem) {
    this.problem = problem;
    this.m = problem.rows.length;
    this.n = problem.variables;
    this.width = this.n + this.m;
    this.tableau = new Float64Array(this.m * this.width);
    this.basis = new Int32Array(this.m);
    this.rowOf = new Int32Array(this.width).fill(-1);
    this.atUpper = new Uint8Array(this.width);
    this.lo = new Float64Array(this.width);
    this.up = new Float64Array(this.width).fill(Infinity);
    this.beta = new Float64Array(this.m);
    this.cost = new Float64Array(this.width);
    this.sign = new Float64Array(this.m);
    for (let j = 0; j < this.n; j++) {
      const lower = problem.lower[j] ?? 0;
      const upper = problem.upper[j] ?? Infinity;
      if (!Number.isFinite(lower)) throw new RangeError(`variable ${j} needs a finite lower bound`);
      if (upper < lower) throw new RangeError(`variable ${j} has upper bound below its lower bound`);
      this.lo[j] = lower;
      this.up[j] = upper;
    }
  }

  /** Phase 1: a feasible basis, or false when the rows and bounds admit no point. */
  findFeasible(): boolean {
    const { m, n, width, tableau } = this;
    this.problem.rows.forEach((row, i) => {
      let residual = row.rhs;
      for (const [j, a] of row.terms) residual -= a * (this.lo[j] as number);
      const s = residual >= 0 ? 1 : -1;
      this.sign[i] = s;
      for (const [j, a] of row.terms) tableau[i * width + j] = s * a;
      tableau[i * width + n + i] = 1;
      this.basis[i] = n + i;
      this.rowOf[n + i] = i;
      this.beta[i] = Math.abs(residual);
    });
    // Phase-1 reduced costs: minimise the sum of artificials.
    this.cost.fill(0);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++)
        this.cost[j] = (this.cost[j] as number) - (tableau[i * width + j] as number);
    }
    this.run();
    let infeasibility = 0;
    for (let i = 0; i < m; i++) if ((this.basis[i] as number) >= n) infeasibility += this.beta[i] as number;
    if (infeasibility > FEASIBILITY_EPS * (1 + m)) return false;
    // Artificials may never re-enter; any left basic stay there at zero.
    for (let k = n; k < width; k++) this.up[k] = 0;
    this.feasible = true;
    return true;
  }

  /** The minimum or maximum of one variable, starting from the current basis. Infinity when unbounded. */
  optimise(variable: number, sense: 'min' | 'max'): number {
    if (!this.feasible) throw new Error('call findFeasible() first');
    // Recomputing the basic values costs O(m²): worth it only once enough pivots may have added error.
    if (this.iterations - this.refreshedAt >= REFRESH_EVERY) {
      this.refresh();
      this.refreshedAt = this.iterations;
    }
    const sigma = sense === 'min' ? 1 : -1;
    this.cost.fill(0);
    const row = this.rowOf[variable] as number;
    if (row >= 0) {
      const base = row * this.width;
      for (let j = 0; j < this.width; j++) {
        if ((this.rowOf[j] as number) < 0) this.cost[j] = -sigma * (this.tableau[base + j] as number);
      }
    } else {
      this.cost[variable] = sigma;
    }
    const outcome = this.run();
    if (outcome === 'unbounded') return sense === 'max' ? Infinity : -Infinity;
    return this.valueOf(variable);
  }

  /** The current point (a feasible vertex once findFeasible has succeeded). */
  values(): Float64Array {
    const x = new Float64Array(this.n);
    for (let j = 0; j < this.n; j++) x[j] = this.valueOf(j);
    return x;
  }

  private valueOf(j: number): number {
    const row = this.rowOf[j] as number;
    if (row >= 0) return this.beta[row] as number;
    return (this.atUpper[j] ? this.up[j] : this.lo[j]) as number;
  }

  /** Recompute the basic values from B⁻¹ (the artificial columns) so rounding errors cannot build up. */
  private refresh(): void {
    const { m, n, width, tableau } = this;
    const w = new Float64Array(m);
    this.problem.rows.forEach((row, i) => {
      let v = row.rhs;
      for (const [j, a] of row.terms) if ((this.rowOf[j] as number) < 0) v -= a * this.valueOf(j);
      w[i] = (this.sign[i] as number) * v;
    });
    for (let r = 0; r < m; r++) {
      let v = 0;
      const base = r * width + n;
      for (let i = 0; i < m; i++) v += (tableau[base + i] as number) * (w[i] as number);
      this.beta[r] = v;
    }
  }

  private run(): Outcome {
    const limit = 50 * (this.width + 10);
    let degenerate = 0;
    for (let step = 0; step < limit; step++) {
      const bland = degenerate >= DEGENERATE_RUN;
      const q = this.entering(bland);
      if (q < 0) return 'optimal';
      const moved = this.move(q, bland);
      if (moved === null) return 'unbounded';
      this.iterations++;
      degenerate = moved > PIVOT_EPS ? 0 : degenerate + 1;
    }
    throw new Error('simplex did not converge');
  }

  /** A nonbasic column whose move improves the objective, or −1 at the optimum. */
  private entering(bland: boolean): number {
    let best = -1;
    let bestScore = COST_EPS;
    for (let j = 0; j < this.width; j++) {
      if ((this.rowOf[j] as number) >= 0) continue;
      if ((this.up[j] as number) - (this.lo[j] as number) <= PIVOT_EPS) continue;
      const d = this.cost[j] as number;
      const score = this.atUpper[j] ? d : -d;
      if (score > bestScore) {
        if (bland) return j;
        best = j;
        bestScore = score;
      }
    }
    return best;
  }

  /** Move column q as far as the bounds allow; the step length, or null when nothing stops it. */
  private move(q: number, bland: boolean): number | null {
    const { m, width, tableau } = this;
    const dir = this.atUpper[q] ? -1 : 1;
    let step = (this.up[q] as number) - (this.lo[q] as number);
    let leave = -1;
    let leaveAlpha = 0;
    for (let i = 0; i < m; i++) {
      const alpha = (tableau[i * width + q] as number) * dir;
      let limit: number;
      const b = this.basis[i] as number;
      if (alpha > PIVOT_EPS) limit = ((this.beta[i] as number) - (this.lo[b] as number)) / alpha;
      else if (alpha < -PIVOT_EPS && Number.isFinite(this.up[b] as number)) {
        limit = ((this.up[b] as number) - (this.beta[i] as number)) / -alpha;
      } else continue;
      if (limit < 0) limit = 0;
      const better =
        limit < step - PIVOT_EPS ||
        (leave >= 0 &&
          limit <= step + PIVOT_EPS &&
          (bland ? b < (this.basis[leave] as number) : Math.abs(alpha) > Math.abs(leaveAlpha)));
      if (better) {
        step = limit;
        leave = i;
        leaveAlpha = alpha;
      }
    }
    if (!Number.isFinite(step)) return null;
    for (let i = 0; i < m; i++) {
      const alpha = (tableau[i * width + q] as number) * dir;
      if (alpha !== 0) this.beta[i] = (this.beta[i] as number) - alpha * step;
    }
    const entered = ((this.atUpper[q] ? this.up[q] : this.lo[q]) as number) + dir * step;
    if (leave < 0) {
      this.atUpper[q] = this.atUpper[q] ? 0 : 1;
      return step;
    }
    const out = this.basis[leave] as number;
    this.atUpper[out] = leaveAlpha > 0 ? 0 : 1;
    this.rowOf[out] = -1;
    this.basis[leave] = q;
    this.rowOf[q] = leave;
    this.atUpper[q] = 0;
    this.beta[leave] = entered;
    this.pivot(leave, q);
    return step;
  }

  private pivot(p: number, q: number): void {
    const { m, width, tableau, cost } = this;
    const base = p * width;
    const pv = tableau[base + q] as number;
    // The pivot row is sparse (sum constraints): eliminate over its non-zeros only.
    const nonZero: number[] = [];
    for (let j = 0; j < width; j++) {
      const a = tableau[base + j] as number;
      if (a === 0) continue;
      tableau[base + j] = a / pv;
      nonZero.push(j);
    }
    for (let i = 0; i < m; i++) {
      if (i === p) continue;
      const rowBase = i * width;
      const f = tableau[rowBase + q] as number;
      if (f === 0) continue;
      for (const j of nonZero)
        tableau[rowBase + j] = (tableau[rowBase + j] as number) - f * (tableau[base + j] as number);
      tableau[rowBase + q] = 0;
    }
    const dq = cost[q] as number;
    if (dq !== 0) {
      for (const j of nonZero) cost[j] = (cost[j] as number) - dq * (tableau[base + j] as number);
      cost[q] = 0;
    }
  }
}
