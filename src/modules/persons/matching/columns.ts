import { dateCode } from './dates';
import { documentNumberKey, prepareName, type PreparedName, type PreparedRecord } from './prepare';
import type { IdentityRecord } from './types';

/**
 * Records as the batch linker keeps them: one typed array per field, names and documents as
 * integer ids into tables of distinct values. A million records repeat a few thousand names, so
 * each distinct name is prepared once and compared by id.
 */
export interface Columns {
  size: number;
  /** Distinct names by id; id 0 is the empty name. */
  names: PreparedName[];
  surname: Int32Array;
  givenNames: Int32Array;
  placeOfBirth: Int32Array;
  /** `dateCode` per record. */
  dateOfBirth: Int32Array;
  /** 0 unknown, 1 M, 2 F. */
  sex: Uint8Array;
  /** Interned nationality codes, 0 unknown. */
  nationality: Int32Array;
  /** Interned document numbers (`documentNumberKey`), 0 none; `documentText` gives the text. */
  document: Int32Array;
  documentText: string[];
  /** Interned issuing states (the nationality when not given), 0 unknown. */
  documentState: Int32Array;
  /** Phonetic code ids per name id, in `codes` from `codeStart[id]` to `codeStart[id + 1]`. */
  codeStart: Int32Array;
  codes: Int32Array;
  /** Term-frequency key id per name id (names spelt alike share one). */
  tfKey: Int32Array;
}

/** At most this many phonetic codes per name: the first code of each token first. */
const MAX_CODES = 2;

class Interner {
  readonly ids = new Map<string, number>();
  readonly values: string[] = [''];
  constructor() {
    this.ids.set('', 0);
  }
  id(value: string | null | undefined): number {
    if (!value) return 0;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
}

/** The codes a name is filed under: the first code of each token first, then the others. */
function priorityCodes(name: PreparedName): string[] {
  const ordered: string[] = [];
  for (const form of name.phonetic) for (const token of form) if (token[0]) ordered.push(token[0]);
  for (const form of name.phonetic) for (const token of form) ordered.push(...token.slice(1));
  return [...new Set(ordered)].slice(0, MAX_CODES);
}

/** Fills the columns record by record, interning names, dates, states and documents. */
class ColumnsBuilder {
  private readonly rawIds = new Map<string, number>();
  private readonly lowerIds = new Map<string, number>([['', 0]]);
  readonly names: PreparedName[] = [prepareName('')];
  private readonly dates = new Map<string, number>();
  private readonly states = new Interner();
  private readonly documents = new Interner();
  private readonly c: Omit<Columns, 'names' | 'documentText' | 'codeStart' | 'codes' | 'tfKey'>;

  constructor(size: number) {
    this.c = {
      size,
      surname: new Int32Array(size),
      givenNames: new Int32Array(size),
      placeOfBirth: new Int32Array(size),
      dateOfBirth: new Int32Array(size),
      sex: new Uint8Array(size),
      nationality: new Int32Array(size),
      document: new Int32Array(size),
      documentState: new Int32Array(size),
    };
  }

  /**
   * A name's id. Names are kept by their text in lower case (preparation starts by lowering it,
   * so KOVALENKO and Kovalenko are one name, prepared and compared once); the text as given is
   * looked up first, which spares lowering it again for every record.
   */
  private nameId(value: PreparedName | string | null): number {
    const text = value === null ? '' : typeof value === 'string' ? value : value.text;
    const known = this.rawIds.get(text);
    if (known !== undefined) return known;
    const lower = text.toLowerCase();
    let id = this.lowerIds.get(lower);
    if (id === undefined) {
      const name = typeof value === 'string' || value === null ? prepareName(lower) : value;
      id = name.empty ? 0 : this.names.length;
      this.lowerIds.set(lower, id);
      if (id !== 0) this.names.push(name);
    }
    this.rawIds.set(text, id);
    return id;
  }

  private dateId(value: string | null): number {
    if (!value) return 0;
    let code = this.dates.get(value);
    if (code === undefined) this.dates.set(value, (code = dateCode(value)));
    return code;
  }

  set(
    i: number,
    surname: PreparedName | string,
    givenNames: PreparedName | string,
    placeOfBirth: PreparedName | string | null,
    dateOfBirth: string | null,
    sex: string | null,
    nationality: string | null,
    documentNumber: string | null,
    documentState: string | null,
  ): void {
    const c = this.c;
    c.surname[i] = this.nameId(surname);
    c.givenNames[i] = this.nameId(givenNames);
    c.placeOfBirth[i] = this.nameId(placeOfBirth);
    c.dateOfBirth[i] = this.dateId(dateOfBirth);
    c.sex[i] = sex === 'M' ? 1 : sex === 'F' ? 2 : 0;
    const n = this.states.id(stateCode(nationality));
    c.nationality[i] = n;
    c.document[i] = this.documents.id(documentNumberKey(documentNumber));
    c.documentState[i] = documentState ? this.states.id(stateCode(documentState)) : n;
  }

  finish(): Columns {
    const names = this.names;
    const codeIds = new Interner();
    const tfKeys = new Interner();
    const codeStart = new Int32Array(names.length + 1);
    const codes: number[] = [];
    const tfKey = new Int32Array(names.length);
    names.forEach((name, id) => {
      codeStart[id] = codes.length;
      for (const code of priorityCodes(name)) codes.push(codeIds.id(code));
      tfKey[id] = tfKeys.id(name.tfKey);
    });
    codeStart[names.length] = codes.length;
    return {
      ...this.c,
      names,
      documentText: this.documents.values,
      codeStart,
      codes: Int32Array.from(codes),
      tfKey,
    };
  }
}

const stateCodes = new Map<string, string | null>();

function stateCode(value: string | null | undefined): string | null {
  if (!value) return null;
  let code = stateCodes.get(value);
  if (code === undefined) {
    code = value.trim().toUpperCase() || null;
    if (stateCodes.size < 10_000) stateCodes.set(value, code);
  }
  return code;
}

/** Columns of raw records, each distinct name prepared once. */
export function columnsOfRecords(records: readonly IdentityRecord[]): Columns {
  const b = new ColumnsBuilder(records.length);
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    b.set(
      i,
      r.surname ?? '',
      r.givenNames ?? '',
      r.placeOfBirth,
      r.dateOfBirth,
      r.sex,
      r.nationality,
      r.documentNumber,
      r.documentState ?? null,
    );
  }
  return b.finish();
}

/** Columns of records already prepared (`prepareRecord`). */
export function columnsOfPrepared(records: readonly PreparedRecord[]): Columns {
  const b = new ColumnsBuilder(records.length);
  for (let i = 0; i < records.length; i++) {
    const p = records[i]!;
    b.set(
      i,
      p.surname,
      p.givenNames,
      p.placeOfBirth,
      p.dateOfBirth,
      p.sex,
      p.nationality,
      p.documentNumber,
      p.documentState,
    );
  }
  return b.finish();
}
