// The customer's profile page.

export class UserProfile {
  constructor(public firstName: string, public lastName: string, public email: string, public birthDate: Date) {}

  /** Replaces the address the customer receives mail at. */
  changeEmail(next: string): void {
    if (!next.includes("@")) {
      throw new Error("not an e-mail address");
    }
    this.email = next;
  }

  /** First and last name for greetings. */
  displayName(): string {
    return `${this.firstName} ${this.lastName}`;
  }
}

/** Whether someone born on a date is 18 or older today. */
export function isAdult(birthDate: Date, today: Date = new Date()): boolean {
  const eighteen = new Date(birthDate.getFullYear() + 18, birthDate.getMonth(), birthDate.getDate());
  return eighteen <= today;
}
