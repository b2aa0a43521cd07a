// Texts in the visitor's language.

const TEXTS: Record<string, Record<string, string>> = {
  en: { cart: "Cart", checkout: "Checkout" },
  de: { cart: "Warenkorb", checkout: "Kasse" },
};

/** The text for a key in a language, English when missing. */
export function translate(key: string, lang: string): string {
  return TEXTS[lang]?.[key] ?? TEXTS.en[key] ?? key;
}

/** "1 book" or "3 books". */
export function pluralize(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}
