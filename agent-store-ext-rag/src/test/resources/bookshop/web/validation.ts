// Input checks for forms.

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Whether a string looks like an e-mail address. */
export function validateEmail(value: string): boolean {
  return EMAIL.test(value);
}

/** Whether a string is an ISBN-13 with a correct check digit. */
export function validateIsbn(value: string): boolean {
  const digits = value.replace(/-/g, "");
  if (!/^\d{13}$/.test(digits)) {
    return false;
  }
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    sum += Number(digits[i]) * (i % 2 === 0 ? 1 : 3);
  }
  return (10 - (sum % 10)) % 10 === Number(digits[12]);
}
