import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { PDFDocument } from 'pdf-lib';
import { buildApp } from '../src/app/build-app';
import { createContext } from '../src/app/context';
import { SAMPLE_RENEWAL } from '../src/modules/applications';
import { checkMetrics, percentile, progress, ratio, type Benchmark } from './bench';
import { benchConfig } from './app-config';
import { openBenchDatabase } from './database';

const { service: SERVICE, ground: GROUND, answers: ANSWERS } = SAMPLE_RENEWAL;
const DOCUMENT_BYTES = 200 * 1024;
const CONCURRENCY = 8;
const YEAR_OF_FOREIGNER_APPLICATIONS = 150_000;

/** A valid PDF of about 200 KB (an uncompressed image stream), as a scanned page would be. */
async function scan(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText('Scanned document');
  const filler = doc.context.stream(new Uint8Array(DOCUMENT_BYTES - 2000).fill(0x41));
  doc.context.register(filler);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

function multipart(documentType: string, bytes: Buffer) {
  const boundary = '----vartaibench7d1f';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="documentType"\r\n\r\n${documentType}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/**
 * Whole submissions through the partner API, in-process (Fastify inject, so the HTTP pipeline
 * runs but no socket): create with answers, upload the two required 200 KB documents, submit.
 * Each POST carries its idempotency key, as a partner must. The reference is the same
 * database's raw single-row insert rate, measured in the same run.
 */
export const intakeBenchmark: Benchmark = {
  async run({ engine, quick, env }) {
    const seconds = quick ? 3 : 15;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vartai-bench-intake-'));
    const database = await openBenchDatabase(engine, env);
    const config = benchConfig(dataDir, { SEED_DEMO: 'false' });
    let app: Awaited<ReturnType<typeof buildApp>> | undefined;
    let stopJobs = async () => {};
    try {
      progress('building the app');
      const ctx = await createContext(config, { database });
      app = await buildApp(ctx);
      // Submissions enqueue their confirmation jobs in the same transaction: the queue must exist.
      await ctx.jobs.start({ work: false });
      stopJobs = () => ctx.jobs.stop();
      const server = app.server;
      const { apiKey } = await app.modules.partners.service.create({
        name: 'Bench provider',
        services: [SERVICE],
        countries: ['UKR'],
      });
      const auth = { authorization: `Bearer ${apiKey}` };
      const bytes = await scan();
      let n = 0;
      const post = async (url: string, payload: unknown, contentType?: string) => {
        const res = await server.inject({
          method: 'POST',
          url,
          headers: {
            ...auth,
            'idempotency-key': `bench-${n++}`,
            ...(contentType ? { 'content-type': contentType } : {}),
          },
          payload: payload as string,
        });
        if (res.statusCode >= 300)
          throw new Error(`${url} gave ${res.statusCode}: ${res.body.slice(0, 300)}`);
        return res.json() as { id: string; missing: string[]; reference: string | null };
      };
      const submitOne = async () => {
        const created = await post('/api/v1/applications', {
          service: SERVICE,
          ground: GROUND,
          answers: ANSWERS,
        });
        const docs = created.missing
          .filter((m) => m.startsWith('document:'))
          .map((m) => m.slice(9));
        if (docs.length !== 2)
          throw new Error(`expected 2 required documents, got ${docs.join(', ')}`);
        for (const doc of docs) {
          const m = multipart(doc, bytes);
          await post(`/api/v1/applications/${created.id}/documents`, m.payload, m.contentType);
        }
        const done = await post(`/api/v1/applications/${created.id}/submit`, {
          feeReceipt: 'BENCH-1',
        });
        if (!done.reference) throw new Error('submission gave no reference');
      };
      const loop = async (ms: number) => {
        const lat: number[] = [];
        const end = performance.now() + ms;
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            while (performance.now() < end) {
              const t0 = performance.now();
              await submitOne();
              lat.push(performance.now() - t0);
            }
          }),
        );
        return lat;
      };

      progress('warming up');
      await loop(1000);
      progress(`${seconds} s of submissions, ${CONCURRENCY} at a time`);
      const t0 = performance.now();
      const lat = (await loop(seconds * 1000)).sort((a, b) => a - b);
      const submissionsPerS = lat.length / ((performance.now() - t0) / 1000);

      progress('reference: raw single-row inserts');
      await sql`create table bench_intake_scratch (id bigserial primary key, at timestamptz not null, payload text not null)`.execute(
        database.db,
      );
      let raw = 0;
      const rawEnd = performance.now() + Math.min(3000, seconds * 1000);
      const r0 = performance.now();
      while (performance.now() < rawEnd) {
        await sql`insert into bench_intake_scratch (at, payload) values (${new Date()}, ${`row ${raw}`})`.execute(
          database.db,
        );
        raw += 1;
      }
      const rawPerS = raw / ((performance.now() - r0) / 1000);
      return {
        name: 'intake',
        engine,
        params: {
          seconds,
          concurrency: CONCURRENCY,
          documents: 2,
          document_kb: DOCUMENT_BYTES / 1024,
          path: 'partner API, in-process',
        },
        metrics: checkMetrics({
          submissions_per_s: submissionsPerS,
          submission_p50_ms: percentile(lat, 50),
          submission_p95_ms: percentile(lat, 95),
          raw_insert_per_s: rawPerS,
          submissions_vs_raw_insert_ratio: ratio(submissionsPerS, rawPerS),
          year_of_foreigner_applications_ms:
            (YEAR_OF_FOREIGNER_APPLICATIONS / submissionsPerS) * 1000,
          submitted_count: lat.length,
        }),
      };
    } finally {
      await app?.server.close();
      await stopJobs();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
