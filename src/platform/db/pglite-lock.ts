import fs from 'node:fs';
import { AppError } from '../errors';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is a single-process database: a second process opening the same folder would corrupt
 * it. A lock file with the owner's pid refuses the second opener with a clear message; a lock
 * left by a process that died is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number(fs.readFileSync(file, 'utf8'));
      if (owner && owner !== process.pid && alive(owner)) {
        throw new AppError(
          'DATABASE_IN_USE',
          'unavailable',
          `The embedded database in ${dataDir} is open in process ${owner}. Stop that process first, or use DATABASE_URL (PostgreSQL) to run several processes.`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new AppError(
    'DATABASE_IN_USE',
    'unavailable',
    `Cannot lock the embedded database in ${dataDir}`,
  );
}
