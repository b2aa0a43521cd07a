// A small project-owned Jest test file; jest.json is the report `jest --json` writes for it.
const sum = (a, b) => a + b;

describe('sum', () => {
  test('adds', () => expect(sum(1, 2)).toBe(3));
  test('adds negatives', () => expect(sum(-1, -2)).toBe(-3));
  test('is wrong on purpose', () => expect(sum(2, 2)).toBe(5));
  test.skip('later', () => {});
});

jest.retryTimes(2);
let calls = 0;
test('passes on the second try', () => {
  calls++;
  expect(calls).toBe(2);
});
