import { describe, expect, it } from 'vitest';
import { attachmentHeader } from './documents.routes';
import { cleanFileName } from './documents.model';

describe('download names', () => {
  it('always an attachment, with the detected extension and the exact name in filename*', () => {
    expect(attachmentHeader('Žemaitė pasas.PDF', 'pdf')).toBe(
      `attachment; filename="Zemaite pasas.pdf"; filename*=UTF-8''%C5%BDemait%C4%97%20pasas.pdf`,
    );
    expect(attachmentHeader('scan.pdf', 'png')).toBe(
      `attachment; filename="scan.png"; filename*=UTF-8''scan.png`,
    );
    expect(attachmentHeader('Паспорт', 'jpg')).toBe(
      `attachment; filename="document.jpg"; filename*=UTF-8''%D0%9F%D0%B0%D1%81%D0%BF%D0%BE%D1%80%D1%82.jpg`,
    );
  });

  it('keeps only the base name of what was uploaded, without control characters', () => {
    expect(cleanFileName('C:\\fakepath\\a.pdf')).toBe('a.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b\u202e.pdf')).toBe('ab.pdf');
    expect(cleanFileName('   ')).toBe('document');
    expect(cleanFileName('x'.repeat(300))).toHaveLength(200);
  });
});
