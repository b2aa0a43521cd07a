// Display helpers.

/** A price in euros with two decimals, like "12.50 €". */
export const formatPrice = (amount: number): string => `${amount.toFixed(2)} €`;

/** A date as day.month.year. */
export function formatDate(date: Date): string {
  return `${date.getDate()}.${date.getMonth() + 1}.${date.getFullYear()}`;
}
