import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors';

/** Where document files live; never under the web root. An S3 adapter can stand behind it. */
export interface StoragePort {
  put(key: string, bytes: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
}

const KEY = /^[a-z0-9][a-z0-9/_.-]{0,255}$/i;

export function createLocalStorage(root: string): StoragePort {
  const resolve = (key: string) => {
    if (!KEY.test(key) || key.includes('..')) {
      throw new AppError('STORAGE_KEY_INVALID', 'validation', `Invalid storage key: ${key}`);
    }
    return path.join(root, key);
  };
  return {
    async put(key, bytes) {
      const file = resolve(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Write then rename, so a crash never leaves half a file under the final name.
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, bytes);
      await fs.rename(tmp, file);
    },
    async get(key) {
      try {
        return new Uint8Array(await fs.readFile(resolve(key)));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new AppError('STORAGE_NOT_FOUND', 'not_found', `No stored file ${key}`);
        }
        throw e;
      }
    },
    async exists(key) {
      return fs.access(resolve(key)).then(
        () => true,
        () => false,
      );
    },
    async delete(key) {
      await fs.rm(resolve(key), { force: true });
    },
  };
}
