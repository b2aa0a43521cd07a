// The shopping cart of the web shop.

export interface CartItem {
  isbn: string;
  price: number;
  quantity: number;
}

export class Cart {
  private items: CartItem[] = [];

  /** Puts a book in the cart, or raises its quantity. */
  addItem(item: CartItem): void {
    const existing = this.items.find((i) => i.isbn === item.isbn);
    if (existing) {
      existing.quantity += item.quantity;
    } else {
      this.items.push({ ...item });
    }
  }

  /** Takes a book out of the cart. */
  removeItem(isbn: string): void {
    this.items = this.items.filter((i) => i.isbn !== isbn);
  }

  /** The sum of price times quantity over the cart. */
  total(): number {
    return this.items.reduce((sum, i) => sum + i.price * i.quantity, 0);
  }

  /** Empties the cart after checkout. */
  clear(): void {
    this.items = [];
  }
}
