// Prices in other currencies for visitors abroad.

export type Currency = "EUR" | "USD" | "GBP" | "CHF";

const RATES_FROM_EUR: Record<Currency, number> = { EUR: 1, USD: 1.08, GBP: 0.85, CHF: 0.96 };

/** Rounds half away from zero to whole cents. */
export function roundToCents(amount: number): number {
  return Math.sign(amount) * Math.round(Math.abs(amount) * 100) / 100;
}

/** Converts an amount between two currencies through the euro rates. */
export function convertCurrency(amount: number, from: Currency, to: Currency): number {
  return roundToCents((amount / RATES_FROM_EUR[from]) * RATES_FROM_EUR[to]);
}

/** Reads "12,50 €" or "$12.50" into a number, or NaN. */
export function parseMoney(text: string): number {
  const cleaned = text.replace(/[^\d,.-]/g, "");
  const normalised = cleaned.includes(",") && !cleaned.includes(".") ? cleaned.replace(",", ".") : cleaned.replace(/,/g, "");
  return Number.parseFloat(normalised);
}
