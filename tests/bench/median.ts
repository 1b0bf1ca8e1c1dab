/** The middle of the samples (the upper middle of an even count): what the benches compare, as single runs swing. */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
