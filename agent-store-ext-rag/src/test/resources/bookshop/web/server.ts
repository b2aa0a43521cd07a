// The Node back end that serves the single-page shop and its JSON API (Express).

import express, { NextFunction, Request, Response } from "express";

import { validateEmail } from "./validation";

export const app = express();
app.use(express.json());

const newsletter = new Set<string>();

app.get("/api/books", async (req: Request, res: Response) => {
  const page = Number(req.query.page ?? 1);
  res.json({ page, books: [] });
});

app.post("/api/newsletter", (req: Request, res: Response) => {
  const email = String(req.body.email ?? "");
  if (!validateEmail(email)) {
    res.status(400).json({ error: `not an e-mail address: ${email}` });
    return;
  }
  newsletter.add(email.toLowerCase());
  res.status(204).end();
});

/** Turns an exception thrown by a handler into a JSON 500 answer and logs it. */
export function errorHandler(err: Error, req: Request, res: Response, _next: NextFunction): void {
  console.error(`${req.method} ${req.path}: ${err.message}`);
  res.status(500).json({ error: "internal error" });
}

app.use(errorHandler);
