/**
 * Exact integer arithmetic for scoring: points as integer hundredths ("centi-points"), fractions as
 * basis points or millionths, so no run ranks two units differently because of floating-point rounding.
 */

export const centi = (points: number) => Math.round(points * 100);
export const basisPoints = (fraction: number) => Math.round(fraction * 10_000);

/** floor(n / d) for safe non-negative integers: the float quotient corrected by one where it rounded across an integer. */
function floorDiv(n: number, d: number): number {
  const q = Math.floor(n / d);
  return q * d > n ? q - 1 : (q + 1) * d <= n ? q + 1 : q;
}

/**
 * round(a × b / c) half up for non-negative integers, exactly: in Numbers while every intermediate
 * stays an exact integer (below 2^53), in BigInt beyond.
 */
export function mulDivRound(a: number, b: number, c: number): number {
  const product = a * b;
  if (Number.isSafeInteger(2 * product + c) && Number.isSafeInteger(2 * c)) return floorDiv(2 * product + c, 2 * c);
  const p = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  return Number((2n * p + d) / (2n * d));
}

/** floor(a × b / c) for non-negative integers, exactly. */
export const mulDivFloor = (a: number, b: number, c: number): number =>
  Number.isSafeInteger(a * b) ? floorDiv(a * b, c) : Number((BigInt(a) * BigInt(b)) / BigInt(c));

/** Exact comparison a × b >= c × d for non-negative integers. */
export const productAtLeast = (a: number, b: number, c: number, d: number): boolean =>
  Number.isSafeInteger(a * b) && Number.isSafeInteger(c * d)
    ? a * b >= c * d
    : BigInt(a) * BigInt(b) >= BigInt(c) * BigInt(d);
