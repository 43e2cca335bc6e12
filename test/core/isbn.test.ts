import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isbn10to13, isValidIsbn, normalizeIsbn } from '../../src/core/isbn.js';

// Check digits worked by hand:
// 978-5-09-019186-?: 9+21+8+15+0+27+0+3+9+3+8+18 = 121 → (10 − 1) mod 10 = 9, so «…-1» is a typo.
// 5-09-019186-?: 50+0+72+0+6+5+8+24+12 = 177 → (11 − 177 mod 11) mod 11 = 7.
// 0-8044-2957-?: 0+72+0+28+24+10+36+15+14 = 199 → (11 − 1) mod 11 = 10, written X.
// 0-306-40615-2 and 978-0-306-40615-7 are the standard worked examples of ISBN-10 and ISBN-13.

describe('normalizeIsbn', () => {
  it.each<[string | number, string]>([
    ['978-5-09-019186-9', '9785090191869'],
    ['ISBN 978-5-09-019186-9', '9785090191869'],
    ['isbn-13: 978 5 09 019186 9', '9785090191869'],
    ['ISBN: 5-09-019186-7', '5090191867'],
    ['978\u20115\u201109\u2011019186\u20119', '9785090191869'], // non-breaking hyphens
    ['0-8044-2957-x', '080442957X'],
    ['0-8044-2957-Х', '080442957X'], // Cyrillic Х
    [9785090191869, '9785090191869'],
    [306406152, '0306406152'], // a number cell lost the leading zero
  ])('%j → %j', (input, expected) => {
    expect(normalizeIsbn(input)).toBe(expected);
  });

  it.each<string | number | null | undefined>(['', 'abc', '978-5-09', '97850901918690', 'X080442957', 1.5, null, undefined])(
    '%j is not shaped like an ISBN',
    (v) => {
      expect(normalizeIsbn(v)).toBeNull();
    },
  );
});

describe('isValidIsbn', () => {
  it.each(['978-5-09-019186-9', '978-0-306-40615-7', '0-306-40615-2', '5-09-019186-7', '0-8044-2957-X', '0-8044-2957-x'])(
    '%j is valid',
    (s) => {
      expect(isValidIsbn(s)).toBe(true);
    },
  );

  it.each(['978-5-09-019186-1', '978-0-306-40615-8', '0-306-40615-3', '977-0-306-40615-7', '0-8044-2957-0', '', 'abc'])(
    '%j is not',
    (s) => {
      expect(isValidIsbn(s)).toBe(false);
    },
  );

  it('catches every single-digit typo of a valid ISBN', () => {
    const valid = ['9785090191869', '9780306406157', '0306406152', '5090191867'];
    fc.assert(
      fc.property(
        fc.constantFrom(...valid),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (isbn, at, delta) => {
          const i = at % isbn.length;
          const digit = (Number(isbn[i]) + delta) % 10;
          const corrupted = isbn.slice(0, i) + digit + isbn.slice(i + 1);
          expect(isValidIsbn(corrupted)).toBe(false);
        },
      ),
    );
  });
});

describe('isbn10to13', () => {
  it('prefixes 978 and recomputes the check digit', () => {
    expect(isbn10to13('5-09-019186-7')).toBe('9785090191869');
    expect(isbn10to13('0-306-40615-2')).toBe('9780306406157');
    expect(isbn10to13('0-8044-2957-X')).toBe('9780804429573');
  });

  it('gives null for anything but a valid ISBN-10', () => {
    expect(isbn10to13('5-09-019186-1')).toBeNull();
    expect(isbn10to13('978-5-09-019186-9')).toBeNull();
    expect(isbn10to13('')).toBeNull();
  });

  it('always yields a valid ISBN-13 from a valid ISBN-10', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (nine) => {
        let sum = 0;
        for (let i = 0; i < 9; i++) sum += (10 - i) * Number(nine[i]);
        const check = (11 - (sum % 11)) % 11;
        const isbn10 = nine + (check === 10 ? 'X' : String(check));
        const isbn13 = isbn10to13(isbn10);
        expect(isbn13).not.toBeNull();
        expect(isValidIsbn(isbn13!)).toBe(true);
        expect(isbn13!.slice(3, 12)).toBe(nine);
      }),
    );
  });
});
