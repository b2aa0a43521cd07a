// Splitting long book lists into pages.

/** How many pages a list of total items needs. */
export function pageCount(total: number, perPage: number): number {
  if (perPage <= 0) throw new Error(`perPage must be positive, got ${perPage}`);
  return Math.max(1, Math.ceil(total / perPage));
}

/** The items of one page, counting pages from 1. */
export function paginate<T>(items: T[], page: number, perPage = 20): T[] {
  const start = (page - 1) * perPage;
  return items.slice(start, start + perPage);
}

/** The page numbers to show around the current page, with gaps as null: 1 … 4 5 6 … 20. */
export function pageLinks(current: number, last: number, around = 1): (number | null)[] {
  const out: (number | null)[] = [];
  for (let p = 1; p <= last; p++) {
    if (p === 1 || p === last || Math.abs(p - current) <= around) {
      out.push(p);
    } else if (out[out.length - 1] !== null) {
      out.push(null);
    }
  }
  return out;
}
