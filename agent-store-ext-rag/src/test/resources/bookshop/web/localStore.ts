// Keeping the cart and recently viewed books in the browser between visits.

import { CartItem } from "./cart";

const CART_KEY = "bookshop.cart";
const RECENT_KEY = "bookshop.recent";
const MAX_AGE_MS = 7 * 24 * 3600 * 1000;

interface Saved<T> {
  savedAt: number;
  value: T;
}

/** Writes the cart to localStorage with the time it was saved. */
export function saveCart(items: CartItem[]): void {
  const saved: Saved<CartItem[]> = { savedAt: Date.now(), value: items };
  localStorage.setItem(CART_KEY, JSON.stringify(saved));
}

/** The saved cart, or an empty one when nothing was saved or it is older than a week. */
export function loadCart(): CartItem[] {
  const raw = localStorage.getItem(CART_KEY);
  if (!raw) return [];
  const saved = JSON.parse(raw) as Saved<CartItem[]>;
  return Date.now() - saved.savedAt > MAX_AGE_MS ? [] : saved.value;
}

/** Remembers the last ten books a visitor looked at, most recent first. */
export function rememberViewed(isbn: string): string[] {
  const recent: string[] = JSON.parse(localStorage.getItem(RECENT_KEY) ?? "[]");
  const next = [isbn, ...recent.filter((i) => i !== isbn)].slice(0, 10);
  localStorage.setItem(RECENT_KEY, JSON.stringify(next));
  return next;
}
