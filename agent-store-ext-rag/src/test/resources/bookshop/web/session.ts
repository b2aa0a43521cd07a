// Signing in from the browser: access tokens and their renewal.

const API = "/api/auth";

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

let tokens: Tokens | null = null;

/** Reads the exp claim of a JWT and says whether it is in the past. */
export function isTokenExpired(jwt: string, nowSeconds = Date.now() / 1000): boolean {
  const payload = JSON.parse(atob(jwt.split(".")[1]));
  return typeof payload.exp !== "number" || payload.exp <= nowSeconds;
}

/** Sends e-mail and password, keeps the tokens the server returns. */
export async function login(email: string, password: string): Promise<void> {
  const res = await fetch(`${API}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  tokens = await res.json();
}

/** Forgets the tokens and tells the server to revoke the refresh token. */
export async function logout(): Promise<void> {
  if (tokens) {
    await fetch(`${API}/logout`, { method: "POST", body: tokens.refreshToken });
  }
  tokens = null;
}

/** Gets a new access token with the refresh token when the current one has run out. */
export async function refreshAccessToken(): Promise<string> {
  if (!tokens) throw new Error("not signed in");
  if (!isTokenExpired(tokens.accessToken)) return tokens.accessToken;
  const res = await fetch(`${API}/refresh`, { method: "POST", body: tokens.refreshToken });
  tokens = await res.json();
  return tokens!.accessToken;
}
