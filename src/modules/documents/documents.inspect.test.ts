import { describe, expect, it } from 'vitest';
import { inspectUpload } from './documents.inspect';
import {
  concatBytes,
  handWrittenPdf,
  makeExe,
  makeJpeg,
  makePdf,
  makePdfWithJavaScript,
  makePng,
  makeZip,
} from './test-fixtures';

const MAX = 10 * 1024 * 1024;
const inspect = (b: Uint8Array, name = 'file.pdf', maxBytes = MAX) =>
  inspectUpload(b, name, { maxBytes });
const refused = (reason: string) => ({ ok: false, reason });

describe('accepted files', () => {
  it('accepts a PDF, with or without object streams', async () => {
    expect(await inspect(await makePdf())).toEqual({
      ok: true,
      mediaType: 'application/pdf',
      extension: 'pdf',
    });
    expect(await inspect(await makePdf({ objectStreams: false }))).toMatchObject({ ok: true });
    expect(await inspect(handWrittenPdf())).toMatchObject({ ok: true });
  });

  it('accepts a PNG and a JPEG', async () => {
    expect(await inspect(makePng(), 'photo.png')).toEqual({
      ok: true,
      mediaType: 'image/png',
      extension: 'png',
    });
    expect(await inspect(makeJpeg(), 'photo.JPEG')).toEqual({
      ok: true,
      mediaType: 'image/jpeg',
      extension: 'jpg',
    });
  });

  it('types by the bytes: a PNG named .pdf is stored as a PNG, a name without extension is fine', async () => {
    expect(await inspect(makePng(), 'scan.pdf')).toMatchObject({
      ok: true,
      mediaType: 'image/png',
    });
    expect(await inspect(makeJpeg(), 'scan')).toMatchObject({ ok: true, mediaType: 'image/jpeg' });
  });

  it('does not mistake ordinary metadata for active content (/AAPL:Keywords is not /AA)', async () => {
    const pdf = handWrittenPdf('', '/Info 4 0 R', [
      '<< /AAPL:Keywords [(a)] /Title (JS and AA) >>',
    ]);
    expect(await inspect(pdf)).toMatchObject({ ok: true });
  });
});

describe('refusals', () => {
  it('refuses an empty file and an oversized one', async () => {
    expect(await inspect(new Uint8Array())).toEqual(refused('empty'));
    const png = makePng({ size: 64 });
    expect(await inspect(png, 'a.png', png.length - 1)).toEqual(refused('too-large'));
    expect(await inspect(png, 'a.png', png.length)).toMatchObject({ ok: true });
  });

  it('refuses a program renamed .pdf, a ZIP, HTML and plain text', async () => {
    expect(await inspect(makeExe(), 'passport.pdf')).toEqual(refused('type-not-allowed'));
    expect(await inspect(makeZip(), 'a.pdf')).toEqual(refused('type-not-allowed'));
    expect(await inspect(new TextEncoder().encode('<html><script>x</script></html>'))).toEqual(
      refused('type-not-allowed'),
    );
    expect(await inspect(new TextEncoder().encode('just text'), 'a.txt')).toEqual(
      refused('type-not-allowed'),
    );
  });

  it('refuses an accepted type dressed in a foreign extension', async () => {
    expect(await inspect(makePng(), 'photo.png.exe')).toEqual(refused('type-mismatch'));
    expect(await inspect(await makePdf(), 'contract.docx')).toEqual(refused('type-mismatch'));
  });

  it('refuses encrypted PDFs', async () => {
    const pdf = handWrittenPdf('', '/Encrypt 4 0 R /ID [<01><01>]', [
      '<< /Filter /Standard /V 2 /R 3 /Length 128 /O (x) /U (y) /P -4 >>',
    ]);
    expect(await inspect(pdf)).toEqual(refused('pdf-encrypted'));
  });

  it('refuses PDFs with JavaScript, also when hidden in a compressed object stream', async () => {
    expect(await inspect(await makePdfWithJavaScript())).toEqual(refused('pdf-active-content'));
    const openAction = handWrittenPdf('/OpenAction 4 0 R', '', [
      '<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>',
    ]);
    expect(await inspect(openAction)).toEqual(refused('pdf-active-content'));
    // Name escapes: /J#61vaScript is /JavaScript.
    const escaped = handWrittenPdf('/OpenAction 4 0 R', '', ['<< /S /J#61vaScript /J#53 (x) >>']);
    expect(await inspect(escaped)).toEqual(refused('pdf-active-content'));
  });

  it('refuses launch actions, attachments, forms that submit and XFA', async () => {
    for (const extra of [
      '/AA << /O 4 0 R >>',
      '/Names << /EmbeddedFiles 4 0 R >>',
      '/AcroForm << /XFA 4 0 R >>',
      '/OpenAction << /S /Launch /F (cmd.exe) >>',
      '/OpenAction << /S /SubmitForm /F (http://x) >>',
      '/RichMedia 4 0 R',
    ]) {
      const pdf = handWrittenPdf(extra, '', ['<< >>']);
      expect(await inspect(pdf), extra).toEqual(refused('pdf-active-content'));
    }
  });

  it('refuses corrupt files', async () => {
    const pdf = await makePdf();
    expect(await inspect(pdf.subarray(0, Math.floor(pdf.length / 2)))).toEqual(refused('corrupt'));
    expect(await inspect(new TextEncoder().encode('%PDF-1.7\nnothing here\n%%EOF\n'))).toEqual(
      refused('corrupt'),
    );
    const png = makePng();
    const badCrc = new Uint8Array(png);
    badCrc[30] = badCrc[30]! ^ 0xff; // inside IHDR's data
    expect(await inspect(badCrc, 'a.png')).toEqual(refused('corrupt'));
    expect(await inspect(png.subarray(0, png.length - 12), 'a.png')).toEqual(refused('corrupt'));
    const jpeg = makeJpeg();
    expect(await inspect(jpeg.subarray(0, jpeg.length - 2), 'a.jpg')).toEqual(refused('corrupt'));
  });

  it('refuses polyglots: data after IEND/EOI/%%EOF, content before %PDF, signatures inside images', async () => {
    expect(await inspect(concatBytes(makePng(), makeZip()), 'a.png')).toEqual(refused('polyglot'));
    expect(await inspect(concatBytes(makeJpeg(), '<script>'), 'a.jpg')).toEqual(
      refused('polyglot'),
    );
    expect(await inspect(concatBytes(await makePdf(), makeZip()))).toEqual(refused('polyglot'));
    expect(await inspect(concatBytes('junk before\n', await makePdf()))).toEqual(
      refused('polyglot'),
    );
    const pngWithPdf = makePng({ extraChunks: [['tEXt', 'Comment\0%PDF-1.4 1 0 obj']] });
    expect(await inspect(pngWithPdf, 'a.png')).toEqual(refused('polyglot'));
    const pngWithScript = makePng({
      extraChunks: [['tEXt', 'Comment\0<SCRIPT>alert(1)</script>']],
    });
    expect(await inspect(pngWithScript, 'a.png')).toEqual(refused('polyglot'));
    expect(await inspect(makeJpeg({ comment: 'PK\x03\x04zip inside' }), 'a.jpg')).toEqual(
      refused('polyglot'),
    );
    expect(await inspect(makeJpeg({ comment: 'an ordinary comment' }), 'a.jpg')).toMatchObject({
      ok: true,
    });
  });
});
