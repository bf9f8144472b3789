import zlib from 'node:zlib';
import { fileTypeFromBuffer } from 'file-type';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFObject } from 'pdf-lib';
import { inspectImage } from './documents.images';

/** What may be uploaded, detected from the bytes. The extension is ours, never the uploader's. */
export const ALLOWED_TYPES = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
} as const;
export type AllowedMediaType = keyof typeof ALLOWED_TYPES;

export const REFUSAL_REASONS = [
  'too-large',
  'empty',
  'type-not-allowed',
  'type-mismatch',
  'pdf-encrypted',
  'pdf-active-content',
  'corrupt',
  'polyglot',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export type Inspection =
  | { ok: true; mediaType: AllowedMediaType; extension: string }
  | { ok: false; reason: RefusalReason };

/**
 * Extensions that name one of the accepted types. A name ending in one of them is accepted
 * whatever the bytes are (a PNG called `scan.pdf` is stored as a PNG: the name is never used to
 * type, store or serve the file). A name ending in anything else while the bytes are an accepted
 * type (`photo.png.exe`, `cv.docx`) is refused as `type-mismatch`: the applicant most likely picked
 * the wrong file, or the file is dressed up as something it is not.
 */
const KNOWN_EXTENSIONS = new Set(['pdf', 'jpg', 'jpeg', 'jpe', 'jfif', 'png']);

/** PDF names that run code, open other files or carry attachments. */
const ACTIVE_PDF_NAMES = [
  'JavaScript',
  'JS',
  'AA',
  'Launch',
  'EmbeddedFile',
  'EmbeddedFiles',
  'RichMedia',
  'XFA',
  'SubmitForm',
  'ImportData',
  'GoToE',
] as const;
const ACTIVE_NAME_SET = new Set<string>(ACTIVE_PDF_NAMES);
// A name ends at whitespace or a delimiter, so /AAPL:Keywords (macOS metadata) is not /AA.
const ACTIVE_PATTERN = new RegExp(`/(?:${ACTIVE_PDF_NAMES.join('|')})(?=[\\s/<>\\[\\]()%{}]|$)`);
/** Object streams are small; a larger inflated one is a decompression bomb. */
const MAX_INFLATED_BYTES = 32 * 1024 * 1024;

const latin1 = (b: Uint8Array) =>
  Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

function extensionOf(name: string): string | undefined {
  const base = name.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : undefined;
}

/**
 * Decides whether an uploaded file may be stored. Pure: no I/O, no clock. The type comes from the
 * bytes (file-type), then each type gets a structural check: PDFs are parsed and searched for
 * encryption and active content; images are walked chunk by chunk (see documents.images.ts).
 */
export async function inspectUpload(
  bytes: Uint8Array,
  declaredName: string,
  opts: { maxBytes: number },
): Promise<Inspection> {
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  if (bytes.length > opts.maxBytes) return { ok: false, reason: 'too-large' };
  const detected = await fileTypeFromBuffer(bytes);
  const mediaType = detected?.mime as string | undefined;
  if (!mediaType || !(mediaType in ALLOWED_TYPES)) {
    // A PDF header after other content: a file that is two formats at once.
    const pdfAt = latin1(bytes.subarray(0, 1024)).indexOf('%PDF-');
    return { ok: false, reason: pdfAt > 0 ? 'polyglot' : 'type-not-allowed' };
  }
  const ext = extensionOf(declaredName);
  if (ext !== undefined && !KNOWN_EXTENSIONS.has(ext))
    return { ok: false, reason: 'type-mismatch' };
  const type = mediaType as AllowedMediaType;
  const reason = type === 'application/pdf' ? await inspectPdf(bytes) : inspectImage(bytes, type);
  return reason
    ? { ok: false, reason }
    : { ok: true, mediaType: type, extension: ALLOWED_TYPES[type] };
}

/** Decodes #xx escapes in PDF names, so /J#61vaScript is seen as /JavaScript. */
const unescapeNames = (text: string) =>
  text.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

async function inspectPdf(bytes: Uint8Array): Promise<RefusalReason | undefined> {
  const text = latin1(bytes);
  if (!text.startsWith('%PDF-')) return 'polyglot';
  // Anything but whitespace after the last %%EOF is another file riding along (PDF + ZIP).
  const eof = text.lastIndexOf('%%EOF');
  if (eof < 0) return 'corrupt';
  if (/[^\s\0]/.test(text.slice(eof + 5))) return 'polyglot';
  // Stream bodies are binary (images, fonts): a short name like /JS turns up in them by chance,
  // so the raw scan looks at everything but stream bodies; the parsed objects are checked below.
  const names = unescapeNames(text.replace(/stream\r?\n[\s\S]*?endstream/g, 'stream endstream'));
  if (/\/Encrypt(?=[\s/<>[\]()%]|$)/.test(names)) return 'pdf-encrypted';
  if (ACTIVE_PATTERN.test(names)) return 'pdf-active-content';
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (e) {
    return (e as Error).name === 'EncryptedPDFError' ? 'pdf-encrypted' : 'corrupt';
  }
  try {
    // pdf-lib is lenient: a file without a usable page tree only fails when pages are asked for.
    if (doc.getPageCount() < 1) return 'corrupt';
  } catch {
    return 'corrupt';
  }
  // Objects compressed inside object streams are invisible to the raw scan: inflate and look.
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (hasActiveKey(object, 0)) return 'pdf-active-content';
    if (object instanceof PDFRawStream && isObjectStream(object)) {
      const inflated = inflate(object.contents);
      if (inflated === 'bomb') return 'corrupt';
      if (inflated && ACTIVE_PATTERN.test(unescapeNames(latin1(inflated)))) {
        return 'pdf-active-content';
      }
    }
  }
  return undefined;
}

function isObjectStream(s: PDFRawStream): boolean {
  const type = s.dict.get(PDFName.of('Type'));
  return type instanceof PDFName && type.asString() === '/ObjStm';
}

function inflate(data: Uint8Array): Uint8Array | 'bomb' | undefined {
  try {
    return zlib.inflateSync(data, { maxOutputLength: MAX_INFLATED_BYTES });
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 'bomb' : undefined;
  }
}

/** Walks a parsed object's dictionaries and arrays for an active-content key or value. */
function hasActiveKey(o: PDFObject, depth: number): boolean {
  if (depth > 32) return false;
  if (o instanceof PDFName) return ACTIVE_NAME_SET.has(o.decodeText());
  const dict = o instanceof PDFDict ? o : o instanceof PDFRawStream ? o.dict : undefined;
  if (dict) {
    for (const [key, value] of dict.entries()) {
      if (ACTIVE_NAME_SET.has(key.decodeText())) return true;
      if (hasActiveKey(value, depth + 1)) return true;
    }
    return false;
  }
  if (o instanceof PDFArray) return o.asArray().some((v) => hasActiveKey(v, depth + 1));
  return false;
}
