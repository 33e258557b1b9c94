/** Orders strings by UTF-16 code units (as `<` does), not by locale: stable across machines. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
