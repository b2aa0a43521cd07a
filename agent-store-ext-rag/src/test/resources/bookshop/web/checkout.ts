// The checkout steps of the web shop: address, shipping method, voucher, payment.

import { Cart } from "./cart";
import { placeOrder } from "./api";

export type ShippingMethod = "standard" | "express" | "pickup";

export interface Address {
  name: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
}

const SHIPPING_FEES: Record<ShippingMethod, number> = { standard: 3.9, express: 9.9, pickup: 0 };

export class CheckoutFlow {
  private address?: Address;
  private method: ShippingMethod = "standard";
  private voucher?: string;

  constructor(private readonly cart: Cart) {}

  /** Stores where the parcel goes after checking that every field is filled. */
  setAddress(address: Address): void {
    for (const [key, value] of Object.entries(address)) {
      if (!value.trim()) {
        throw new Error(`address field ${key} is empty`);
      }
    }
    this.address = address;
  }

  /** Chooses standard, express or pickup in the shop. */
  selectShippingMethod(method: ShippingMethod): void {
    this.method = method;
  }

  /** Remembers a voucher code typed by the buyer; the server checks it. */
  applyCouponCode(code: string): void {
    this.voucher = code.trim().toUpperCase();
  }

  /** What the buyer pays: cart plus the fee of the chosen shipping method. */
  grandTotal(): number {
    return this.cart.total() + SHIPPING_FEES[this.method];
  }

  /** Sends the order once an address is set; returns the order id. */
  async submit(): Promise<string> {
    if (!this.address) {
      throw new Error("no delivery address");
    }
    const id = await placeOrder({ address: this.address, method: this.method, voucher: this.voucher });
    this.cart.clear();
    return id;
  }
}
