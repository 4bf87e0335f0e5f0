/**
 * Local 低保 (minimum living standard) per region and year, monthly, in fen. Regions match by
 * the longest prefix of the org's region code; a year without its own figure uses the latest
 * earlier one. These are configuration: replace them with the figures the region publishes.
 */
interface Standard {
  regionPrefix: string;
  year: number;
  monthlyFen: number;
}

export const DIBAO_STANDARDS: Standard[] = [
  { regionPrefix: '', year: 2024, monthlyFen: 80_000 }, // national fallback
  { regionPrefix: '3301', year: 2025, monthlyFen: 120_000 },
  { regionPrefix: '3301', year: 2026, monthlyFen: 125_000 },
  { regionPrefix: '330108', year: 2026, monthlyFen: 121_000 },
];

export function dibaoMonthlyFen(
  regionCode: string | null,
  year: number,
  table: Standard[] = DIBAO_STANDARDS,
): number {
  const code = regionCode ?? '';
  const candidates = table
    .filter((s) => code.startsWith(s.regionPrefix) && s.year <= year)
    .sort((a, b) => b.regionPrefix.length - a.regionPrefix.length || b.year - a.year);
  if (candidates.length === 0) throw new Error(`no 低保 standard configured for ${code} in ${year}`);
  return candidates[0].monthlyFen;
}
