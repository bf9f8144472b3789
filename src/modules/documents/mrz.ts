import { parse, type ParseResult } from 'mrz';

/**
 * The machine-readable zone of a travel document, typed or pasted by the applicant, checked with
 * the `mrz` library (ICAO 9303 TD1 identity cards, TD2, TD3 passports). Pure: the only input
 * besides the text is today's date, which decides the century of two-digit years.
 */
export type MrzFormat = 'TD1' | 'TD2' | 'TD3';

export interface MrzFields {
  documentCode: string | null;
  documentNumber: string | null;
  surname: string | null;
  givenNames: string | null;
  nationality: string | null;
  /** ISO date (yyyy-mm-dd); the MRZ may leave day or month unknown, then null. */
  birthDate: string | null;
  sex: 'male' | 'female' | 'unspecified' | null;
  expiryDate: string | null;
  issuingState: string | null;
}

export type MrzProblemCode = 'check-digit' | 'format' | 'date' | 'unknown-state' | 'length';

export interface MrzProblem {
  /** Our field name (documentNumber, birthDate, expiryDate, composite, surname, mrz …). */
  field: string;
  code: MrzProblemCode;
}

export interface MrzResult {
  valid: boolean;
  format: MrzFormat | null;
  fields: MrzFields;
  problems: MrzProblem[];
}

const EMPTY: MrzFields = {
  documentCode: null,
  documentNumber: null,
  surname: null,
  givenNames: null,
  nationality: null,
  birthDate: null,
  sex: null,
  expiryDate: null,
  issuingState: null,
};

const LINE_LENGTH: Record<MrzFormat, number> = { TD1: 30, TD2: 36, TD3: 44 };
/** The line that ends in the name and its fillers, which people tend not to type in full. */
const NAME_LINE: Record<MrzFormat, number> = { TD1: 2, TD2: 0, TD3: 0 };

/** Splits pasted or typed text into MRZ lines: upper case, no spaces, known line lengths. */
export function normaliseMrz(text: string): { format: MrzFormat; lines: string[] } | null {
  let lines = text
    .toUpperCase()
    .replace(/[«‹]/g, '<')
    .split(/\r?\n|\r/)
    .map((l) => l.replace(/\s+/g, ''))
    .filter(Boolean);
  if (lines.length === 1) {
    const one = lines[0]!;
    if (one.length === 90) lines = [one.slice(0, 30), one.slice(30, 60), one.slice(60)];
    else if (one.length === 88) lines = [one.slice(0, 44), one.slice(44)];
    else if (one.length === 72) lines = [one.slice(0, 36), one.slice(36)];
  }
  const longest = Math.max(0, ...lines.map((l) => l.length));
  const format: MrzFormat | null =
    lines.length === 3 ? 'TD1' : lines.length === 2 ? (longest > 36 ? 'TD3' : 'TD2') : null;
  if (!format) return null;
  const length = LINE_LENGTH[format];
  const padded = lines.map((l, i) => (i === NAME_LINE[format] ? l.padEnd(length, '<') : l));
  return padded.every((l) => l.length === length) ? { format, lines: padded } : null;
}

const FIELD_NAMES: Record<string, string> = {
  documentNumberCheckDigit: 'documentNumber',
  birthDateCheckDigit: 'birthDate',
  expirationDateCheckDigit: 'expiryDate',
  expirationDate: 'expiryDate',
  compositeCheckDigit: 'composite',
  lastName: 'surname',
  firstName: 'givenNames',
  personalNumberCheckDigit: 'personalNumber',
};

function problemCode(error: string): MrzProblemCode {
  if (error.includes('check digit')) return 'check-digit';
  if (error.includes('state code')) return 'unknown-state';
  if (error.includes('date')) return 'date';
  return 'format';
}

function isoDate(yymmdd: string | null, kind: 'birth' | 'expiry', today: Date): string | null {
  if (!yymmdd || !/^\d{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  const thisYear = today.getUTCFullYear();
  let year = 2000 + yy;
  // Birth dates lie in the past; expiry dates lie at most a few decades ahead.
  if (kind === 'birth' ? year > thisYear : year > thisYear + 50) year -= 100;
  return `${year}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

export function parseTravelDocumentMrz(text: string, opts: { today?: Date } = {}): MrzResult {
  const today = opts.today ?? new Date();
  const normal = normaliseMrz(text);
  if (!normal) {
    return {
      valid: false,
      format: null,
      fields: EMPTY,
      problems: [{ field: 'mrz', code: 'length' }],
    };
  }
  let result: ParseResult;
  try {
    result = parse(normal.lines);
  } catch {
    return {
      valid: false,
      format: normal.format,
      fields: EMPTY,
      problems: [{ field: 'mrz', code: 'format' }],
    };
  }
  /** The field's value, or its raw characters when the library refused the value. */
  const raw = (name: string): string | null => {
    const d = result.details.find((x) => x.field === name);
    if (!d) return null;
    const v = d.value ?? normal.lines[d.line]?.slice(d.start, d.end) ?? null;
    return v === null ? null : v.replace(/</g, ' ').replace(/\s+/g, ' ').trim() || null;
  };
  const sexValue = result.fields.sex;
  const fields: MrzFields = {
    documentCode: raw('documentCode'),
    documentNumber: result.documentNumber ?? raw('documentNumber'),
    surname: raw('lastName'),
    givenNames: raw('firstName'),
    nationality: raw('nationality'),
    birthDate: isoDate(raw('birthDate'), 'birth', today),
    sex: sexValue === 'male' || sexValue === 'female' ? sexValue : sexValue ? 'unspecified' : null,
    expiryDate: isoDate(raw('expirationDate'), 'expiry', today),
    issuingState: raw('issuingState'),
  };
  const problems: MrzProblem[] = result.details
    .filter((d) => !d.valid && d.field)
    .map((d) => ({
      field: FIELD_NAMES[d.field!] ?? d.field!,
      code: problemCode(d.error ?? ''),
    }));
  return { valid: problems.length === 0, format: normal.format, fields, problems };
}

// --- comparison with what the applicant typed ---

export interface TypedTravelDocument {
  surname?: string;
  givenNames?: string;
  /** ISO date, yyyy-mm-dd. */
  birthDate?: string;
  documentNumber?: string;
  expiryDate?: string;
}

export interface MrzMismatch {
  field: keyof TypedTravelDocument;
  mrz: string | null;
  typed: string;
}

/** ICAO 9303 part 3 transliteration of Cyrillic, for names typed in Russian or Ukrainian. */
const CYRILLIC: Record<string, string> = {
  А: 'A', Б: 'B', В: 'V', Г: 'G', Ґ: 'G', Д: 'D', Е: 'E', Ё: 'E', Є: 'IE', Ж: 'ZH', З: 'Z',
  И: 'I', І: 'I', Ї: 'I', Й: 'I', К: 'K', Л: 'L', М: 'M', Н: 'N', О: 'O', П: 'P', Р: 'R',
  С: 'S', Т: 'T', У: 'U', Ф: 'F', Х: 'KH', Ц: 'TS', Ч: 'CH', Ш: 'SH', Щ: 'SHCH', Ъ: 'IE',
  Ы: 'Y', Ь: '', Э: 'E', Ю: 'IU', Я: 'IA',
}; // prettier-ignore
/** Letters that do not decompose into a base letter and a mark. */
const SPECIAL: Record<string, string> = {
  ß: 'SS',
  Ø: 'O',
  Æ: 'AE',
  Œ: 'OE',
  Ł: 'L',
  Đ: 'D',
  Þ: 'TH',
  Ħ: 'H',
};
/** ICAO's alternative spellings (Müller may be MUELLER or MULLER in an MRZ). */
const EXPANDED: Record<string, string> = { Ä: 'AE', Ö: 'OE', Ü: 'UE', Å: 'AA' };

function nameVariants(name: string): Set<string> {
  const upper = name.toUpperCase();
  const finish = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/./gu, (c) => SPECIAL[c] ?? CYRILLIC[c] ?? c)
      .replace(/[^A-Z]+/g, ' ')
      .trim();
  return new Set([finish(upper), finish(upper.replace(/[ÄÖÜÅ]/g, (c) => EXPANDED[c]!))]);
}

const plainName = (mrz: string) =>
  mrz
    .replace(/</g, ' ')
    .replace(/[^A-Z]+/g, ' ')
    .trim();
const plainNumber = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** What the applicant typed that does not agree with the MRZ. Empty typed fields are skipped. */
export function compareWithTyped(mrz: MrzFields, typed: TypedTravelDocument): MrzMismatch[] {
  const out: MrzMismatch[] = [];
  for (const field of ['surname', 'givenNames'] as const) {
    const t = typed[field]?.trim();
    if (!t) continue;
    const m = mrz[field];
    if (!m || !nameVariants(t).has(plainName(m))) out.push({ field, mrz: m, typed: t });
  }
  const t = typed.documentNumber?.trim();
  if (t && plainNumber(t) !== plainNumber(mrz.documentNumber ?? '')) {
    out.push({ field: 'documentNumber', mrz: mrz.documentNumber, typed: t });
  }
  for (const field of ['birthDate', 'expiryDate'] as const) {
    const d = typed[field]?.trim();
    if (d && d !== mrz[field]) out.push({ field, mrz: mrz[field], typed: d });
  }
  return out;
}

/**
 * Whether the document is still valid on the date a rule asks for (e.g. a residence permit needs
 * a travel document valid three months beyond the permit). Both dates are compared as days.
 */
export function checkRemainingValidity(
  expiryDate: string,
  opts: { mustBeValidUntil: Date; rule: string },
):
  | { ok: true }
  | { ok: false; tooEarly: true; rule: string; expiryDate: string; mustBeValidUntil: string } {
  const until = opts.mustBeValidUntil.toISOString().slice(0, 10);
  return expiryDate >= until
    ? { ok: true }
    : { ok: false, tooEarly: true, rule: opts.rule, expiryDate, mustBeValidUntil: until };
}
