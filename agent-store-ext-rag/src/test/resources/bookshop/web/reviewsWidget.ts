// The reviews section on a book's page.

export interface Review {
  id: string;
  stars: number;
  text: string;
  helpfulVotes: number;
  createdAt: string;
}

/** Five star characters, filled up to the rating (half stars rounded down). */
export function renderStars(rating: number): string {
  const full = Math.max(0, Math.min(5, Math.floor(rating)));
  return "★".repeat(full) + "☆".repeat(5 - full);
}

/** Orders reviews by most helpful, newest or lowest rating first. */
export function sortReviews(reviews: Review[], order: "helpful" | "newest" | "critical"): Review[] {
  const copy = [...reviews];
  if (order === "helpful") copy.sort((a, b) => b.helpfulVotes - a.helpfulVotes);
  if (order === "newest") copy.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  if (order === "critical") copy.sort((a, b) => a.stars - b.stars);
  return copy;
}

/** Flags a review as offensive or spam for a moderator to look at. */
export async function reportAbuse(reviewId: string, reason: string): Promise<void> {
  await fetch(`/api/reviews/${encodeURIComponent(reviewId)}/report`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ reason }),
  });
}
