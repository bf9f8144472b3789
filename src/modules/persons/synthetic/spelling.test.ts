import { describe, expect, it } from 'vitest';
import { oneDigitOff, swappedDayMonth } from './birth-dates';
import {
  belarusianFeminine,
  belarusianPatronymic,
  russianFeminine,
  russianPatronymic,
  ukrainianFeminine,
  ukrainianPatronymic,
} from './name-forms';
import { withoutDiacritics } from './nationalities';
import { createRandom } from './random';
import { latinForm, lithuanianLetters, lithuanise, typo } from './spelling';

describe('name forms', () => {
  it('derives feminine surnames and patronymics by each language', () => {
    expect(ukrainianFeminine('Ковальський')).toBe('Ковальська');
    expect(ukrainianFeminine('Коваленко')).toBe('Коваленко');
    expect(russianFeminine('Иванов')).toBe('Иванова');
    expect(russianFeminine('Троицкий')).toBe('Троицкая');
    expect(belarusianFeminine('Іваноў')).toBe('Іванова');
    expect(belarusianFeminine('Шпакоўскі')).toBe('Шпакоўская');
    expect(russianPatronymic('Сергей', 'M')).toBe('Сергеевич');
    expect(russianPatronymic('Юрий', 'F')).toBe('Юрьевна');
    expect(ukrainianPatronymic('Сергій', 'F')).toBe('Сергіївна');
    expect(ukrainianPatronymic('Петро', 'M')).toBe('Петрович');
    expect(belarusianPatronymic('Аляксандр', 'F')).toBe('Аляксандраўна');
  });
});

describe('spelling', () => {
  const random = createRandom(1);
  it('writes Lithuanised forms as Lithuanian registers do', () => {
    expect(lithuanise('Aleksandr', 'given', 'M', random)).toBe('Aleksandras');
    expect(lithuanise('Kovalenko', 'surname', 'M', random)).toBe('Kovalenka');
    expect(lithuanise('Serhii', 'given', 'M', random)).toBe('Serhijus');
    expect(lithuanise('Lukashevich', 'surname', 'M', random)).toBe('Lukashevichius');
    expect(lithuanise('Yuliia', 'given', 'F', random)).toBe('Yulija');
    expect(lithuanianLetters('Shevchenko')).toBe('Ševčenko');
    expect(lithuanianLetters('Yulija')).toBe('Julija');
  });

  it('transliterates by the system asked for', () => {
    expect(latinForm('Олександр Коваленко', 'icao-9303')).toBe('Oleksandr Kovalenko');
    expect(latinForm('Юлія', 'bgn-pcgn')).toBe('Yuliya');
    expect(withoutDiacritics('Məmmədov')).toBe('Mammadov');
    expect(withoutDiacritics("Jo'rayev")).toBe('Jorayev');
  });

  it('mistypes one letter at a time', () => {
    const r = createRandom(3);
    for (let i = 0; i < 200; i++) {
      const t = typo('Kovalenko', r);
      expect(t).not.toBe('Kovalenko');
      expect(Math.abs(t.length - 'Kovalenko'.length)).toBeLessThanOrEqual(1);
    }
  });

  it('varies dates only into other valid dates', () => {
    expect(swappedDayMonth('1990-03-07')).toBe('1990-07-03');
    expect(swappedDayMonth('1990-03-25')).toBeNull();
    const r = createRandom(5);
    for (let i = 0; i < 200; i++) {
      const d = oneDigitOff('1990-02-28', r);
      if (d) expect(d).toMatch(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
    }
  });
});
