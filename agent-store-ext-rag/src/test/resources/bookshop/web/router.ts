// A tiny client-side router for the single-page shop.

export interface Route {
  pattern: string;
  render: (params: Record<string, string>) => void;
}

/** Splits "?a=1&b=two" into an object of decoded values. */
export function parseQueryString(query: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of query.replace(/^\?/, "").split("&")) {
    if (!pair) continue;
    const [key, value = ""] = pair.split("=");
    out[decodeURIComponent(key)] = decodeURIComponent(value.replace(/\+/g, " "));
  }
  return out;
}

/** The parameters of a path such as /books/:isbn against a pattern, or null when it does not match. */
export function matchRoute(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(":")) {
      params[want[i].slice(1)] = decodeURIComponent(got[i]);
    } else if (want[i] !== got[i]) {
      return null;
    }
  }
  return params;
}

/** Changes the address bar without reloading and shows the first route that matches. */
export function navigate(routes: Route[], path: string): boolean {
  history.pushState({}, "", path);
  for (const route of routes) {
    const params = matchRoute(route.pattern, path.split("?")[0]);
    if (params) {
      route.render(params);
      return true;
    }
  }
  return false;
}
