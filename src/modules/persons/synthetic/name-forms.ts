/**
 * How a nationality forms a woman's surname and a patronymic from the masculine surname and
 * the father's given name, in the original script. Not a full grammar: the regular patterns
 * plus the common exceptions, enough that generated names look like real documents.
 */

/** Russian pattern (also Kazakh, Kyrgyz and Tajik surnames in Cyrillic). */
export function russianFeminine(surname: string): string {
  if (/(ский|цкий)$/.test(surname)) return surname.slice(0, -2) + 'ая';
  if (/ой$/.test(surname)) return surname.slice(0, -2) + 'ая';
  if (/(ов|ев|ёв|ин|ын)$/.test(surname)) return surname + 'а';
  return surname;
}

export function ukrainianFeminine(surname: string): string {
  if (/(ський|цький)$/.test(surname)) return surname.slice(0, -2) + 'а';
  if (/ий$/.test(surname)) return surname.slice(0, -2) + 'а';
  if (/(ов|ев|єв|ін)$/.test(surname)) return surname + 'а';
  return surname;
}

export function belarusianFeminine(surname: string): string {
  if (/(скі|цкі|кі)$/.test(surname)) return surname.slice(0, -1) + 'ая';
  if (/ы$/.test(surname)) return surname.slice(0, -1) + 'ая';
  if (/(оў|ёў|аў|еў)$/.test(surname)) return surname.slice(0, -1) + 'ва';
  if (/ін$/.test(surname)) return surname + 'а';
  return surname;
}

/** Uzbek and Azerbaijani Latin: Karimov → Karimova, Əliyev → Əliyeva. */
export function latinFeminine(surname: string): string {
  return /(ov|ev)$/.test(surname) ? surname + 'a' : surname;
}

const RUSSIAN_PATRONYMIC: Record<string, [string, string]> = {
  Пётр: ['Петрович', 'Петровна'],
  Павел: ['Павлович', 'Павловна'],
  Лев: ['Львович', 'Львовна'],
  Илья: ['Ильич', 'Ильинична'],
  Никита: ['Никитич', 'Никитична'],
  Дмитрий: ['Дмитриевич', 'Дмитриевна'],
};

export function russianPatronymic(father: string, sex: 'M' | 'F'): string {
  const known = RUSSIAN_PATRONYMIC[father];
  if (known) return known[sex === 'M' ? 0 : 1];
  let stem: string;
  let male: string;
  let female: string;
  if (father.endsWith('ий')) [stem, male, female] = [father.slice(0, -2), 'ьевич', 'ьевна'];
  else if (/[аеиоуэюяё]й$/.test(father))
    [stem, male, female] = [father.slice(0, -1), 'евич', 'евна'];
  else if (father.endsWith('ь')) [stem, male, female] = [father.slice(0, -1), 'евич', 'евна'];
  else if (/[аеиоуэюяё]$/.test(father)) [stem, male, female] = [father, 'евич', 'евна'];
  else [stem, male, female] = [father, 'ович', 'овна'];
  return stem + (sex === 'M' ? male : female);
}

const UKRAINIAN_PATRONYMIC: Record<string, [string, string]> = {
  Микола: ['Миколайович', 'Миколаївна'],
  Ілля: ['Ілліч', 'Іллівна'],
  Яків: ['Якович', 'Яківна'],
  Федір: ['Федорович', 'Федорівна'],
  Олесь: ['Олесьович', 'Олесівна'],
};

export function ukrainianPatronymic(father: string, sex: 'M' | 'F'): string {
  const known = UKRAINIAN_PATRONYMIC[father];
  if (known) return known[sex === 'M' ? 0 : 1];
  if (father.endsWith('ій')) return father.slice(0, -1) + (sex === 'M' ? 'йович' : 'ївна');
  const stem = /[оа]$/.test(father) ? father.slice(0, -1) : father;
  return stem + (sex === 'M' ? 'ович' : 'івна');
}

const BELARUSIAN_PATRONYMIC: Record<string, [string, string]> = {
  Павел: ['Паўлавіч', 'Паўлаўна'],
  Пётр: ['Пятровіч', 'Пятроўна'],
  Міхаіл: ['Міхайлавіч', 'Міхайлаўна'],
  Мікіта: ['Мікітавіч', 'Мікітаўна'],
  Ілья: ['Ільіч', 'Ільінічна'],
  Мікалай: ['Мікалаевіч', 'Мікалаеўна'],
};

export function belarusianPatronymic(father: string, sex: 'M' | 'F'): string {
  const known = BELARUSIAN_PATRONYMIC[father];
  if (known) return known[sex === 'M' ? 0 : 1];
  if (/[йь]$/.test(father))
    return (
      father.slice(0, -1) + (father.endsWith('ь') ? 'ь' : '') + (sex === 'M' ? 'евіч' : 'еўна')
    );
  return father + (sex === 'M' ? 'авіч' : 'аўна');
}

/** Uzbek in Latin: the Russian-style form (Rustamovich) or the Uzbek one (Rustam o'g'li). */
export function uzbekPatronymic(father: string, sex: 'M' | 'F', uzbekStyle: boolean): string {
  if (uzbekStyle) return `${father} ${sex === 'M' ? "o'g'li" : 'qizi'}`;
  const vowel = /[aeiou]$/.test(father);
  return father + (vowel ? 'yev' : 'ov') + (sex === 'M' ? 'ich' : 'na');
}

/** Azerbaijani: the father's name and oğlu (son) or qızı (daughter). */
export function azerbaijaniPatronymic(father: string, sex: 'M' | 'F'): string {
  return `${father} ${sex === 'M' ? 'oğlu' : 'qızı'}`;
}
