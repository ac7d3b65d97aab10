// Ordinary least squares for a handful of predictors: normal equations solved by Gaussian elimination with
// partial pivoting. Small and dependency-free; fine for 2–4 columns and thousands of rows.

/** Coefficients β minimising Σ(y − Xβ)²; undefined when the columns are (nearly) collinear. */
export function leastSquares(rows: readonly (readonly number[])[], y: readonly number[]): number[] | undefined {
  if (rows.length === 0 || rows.length !== y.length) return undefined;
  const k = rows[0].length;
  if (rows.length < k) return undefined;
  // Augmented normal equations [XᵀX | Xᵀy].
  const a: number[][] = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  for (let r = 0; r < rows.length; r++) {
    const x = rows[r];
    for (let i = 0; i < k; i++) {
      for (let j = i; j < k; j++) a[i][j] += x[i] * x[j];
      a[i][k] += x[i] * y[r];
    }
  }
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) a[i][j] = a[j][i];
  return solve(a, k);
}

function solve(a: number[][], k: number): number[] | undefined {
  const scale = Math.max(...a.map((row, i) => Math.abs(row[i])), 1e-300);
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    // Relative threshold: a pivot this small means a column is a combination of the others (e.g. a stuck sensor).
    if (Math.abs(a[pivot][col]) < scale * 1e-12) return undefined;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const f = a[r][col] / a[col][col];
      if (f === 0) continue;
      for (let c = col; c <= k; c++) a[r][c] -= f * a[col][c];
    }
  }
  return a.map((row, i) => row[k] / row[i]);
}

export function rmse(estimate: readonly number[], truth: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < truth.length; i++) s += (estimate[i] - truth[i]) ** 2;
  return Math.sqrt(s / truth.length);
}

/** Coefficient of determination of `estimate` as a predictor of `truth`: 1 − SSres/SStot (negative when worse than the mean). */
export function rSquared(estimate: readonly number[], truth: readonly number[]): number {
  const mean = truth.reduce((a, b) => a + b, 0) / truth.length;
  let res = 0;
  let tot = 0;
  for (let i = 0; i < truth.length; i++) {
    res += (truth[i] - estimate[i]) ** 2;
    tot += (truth[i] - mean) ** 2;
  }
  return tot === 0 ? 0 : 1 - res / tot;
}
