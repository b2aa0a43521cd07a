// The search field in the header: suggestions while typing.

/** Calls fn only after the user stopped typing for wait milliseconds. */
export function debounce<T extends unknown[]>(fn: (...args: T) => void, wait: number): (...args: T) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: T) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => fn(...args), wait);
  };
}

/** Wraps the parts of a title that match the typed text in <mark> tags. */
export function highlightMatches(title: string, typed: string): string {
  if (!typed) return title;
  const escaped = typed.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return title.replace(new RegExp(escaped, "gi"), (m) => `<mark>${m}</mark>`);
}

/** Up to five titles that start with the typed text, then those that contain it. */
export function suggestTitles(titles: string[], typed: string): string[] {
  const t = typed.toLowerCase();
  const starts = titles.filter((x) => x.toLowerCase().startsWith(t));
  const contains = titles.filter((x) => !x.toLowerCase().startsWith(t) && x.toLowerCase().includes(t));
  return [...starts, ...contains].slice(0, 5);
}
