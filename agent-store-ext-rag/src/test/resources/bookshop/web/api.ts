// HTTP routes of the shop and the client that calls them.
import express from "express";
import { validateIsbn } from "./validation";

export const app = express();

app.get("/books", (req, res) => {
  res.json({ books: [] });
});

app.post("/orders", (req, res) => {
  if (!validateIsbn(req.body.isbn)) {
    res.status(400).json({ error: "bad isbn" });
    return;
  }
  res.status(201).json({ ok: true });
});

/** Fetches the book list from the server. */
export async function fetchBooks(baseUrl: string): Promise<unknown[]> {
  const response = await fetch(`${baseUrl}/books`);
  const body = await response.json();
  return body.books;
}

/** Sends an order for one book and returns whether the server accepted it. */
export async function placeOrder(baseUrl: string, isbn: string): Promise<boolean> {
  const response = await fetch(`${baseUrl}/orders`, { method: "POST", body: JSON.stringify({ isbn }) });
  return response.status === 201;
}
