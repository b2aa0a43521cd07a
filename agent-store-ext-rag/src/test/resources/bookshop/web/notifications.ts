// Messages to customers and staff.

export interface Mailer {
  send(to: string, subject: string, body: string): Promise<void>;
}

/** Tells the buyer that the purchase went through, with the order number. */
export async function sendOrderConfirmation(mailer: Mailer, to: string, orderId: string): Promise<void> {
  await mailer.send(to, `Order ${orderId} confirmed`, "Thank you for your order.");
}

/** Runs a reminder message at a later time. */
export function scheduleReminder(at: Date, message: string, deliver: (m: string) => void): ReturnType<typeof setTimeout> {
  return setTimeout(() => deliver(message), Math.max(0, at.getTime() - Date.now()));
}

/** Warns the staff that a title is almost sold out. */
export async function notifyLowStock(mailer: Mailer, title: string, copies: number): Promise<void> {
  await mailer.send("staff@shop.example", `Low stock: ${title}`, `${copies} copies left`);
}
