import type { FastifyReply } from 'fastify';

/**
 * CSV for the dashboards' and open statistics' downloads: RFC 4180 (fields quoted when they hold
 * a quote, the delimiter, CR or LF; quotes doubled; CRLF line ends), with a UTF-8 byte-order mark
 * so Excel reads Lithuanian and Cyrillic letters right. Text cells that a spreadsheet would run as
 * a formula (starting with = + - @ tab or CR; OWASP "CSV injection") get a leading apostrophe;
 * numbers passed as numbers are written as they are, so -12 stays a number.
 */
export type CsvCell = string | number | null | undefined;

export interface CsvOptions {
  /** ',' (default, RFC 4180) or ';' (what Excel expects where the decimal mark is a comma). */
  delimiter?: ',' | ';';
  /** Default true; an API consumer reading with a strict parser may want it off. */
  bom?: boolean;
}

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: CsvCell, delimiter: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  const needsQuotes =
    text.includes('"') || text.includes(delimiter) || text.includes('\n') || text.includes('\r');
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(head: string[], rows: CsvCell[][], options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const line = (cells: CsvCell[]) => cells.map((c) => cell(c, delimiter)).join(delimiter);
  const body = [head, ...rows].map(line).join('\r\n') + '\r\n';
  return (options.bom === false ? '' : BOM) + body;
}

/**
 * A download name safe in a header and on any file system: letters (diacritics dropped, so
 * "Vilniaus_skyrius" from "Vilniaus skyrius"), digits, '.', '-' and '_', ending in ".csv".
 */
export function safeFilename(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const base = ascii
    .replace(/\.csv$/i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+|[._]+$/g, '')
    .slice(0, 100);
  return `${base || 'export'}.csv`;
}

/** Sends `csv` as a download named `filename` (made safe); returns the reply for chaining. */
export function csvReply(reply: FastifyReply, filename: string, csv: string): FastifyReply {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${safeFilename(filename)}"`)
    .send(csv);
}
