import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../platform/config';
import { ConfigError } from '../../platform/config';
import type { Logger } from '../../platform/log';
import { documentsErrors } from './errors';

/**
 * Envelope encryption of document files. Each file gets its own random 256-bit data key and
 * AES-256-GCM; the data key is itself encrypted (wrapped) with AES-256-GCM under a master key.
 * The stored blob names the master key by id, so keys can be rotated: new files use the current
 * key, old files stay readable while their key is listed in DOCUMENT_KEYS_OLD.
 *
 * Blob layout: "VDE1" | key id length (1) | key id | wrap IV (12) | wrap tag (16) |
 * wrapped data key (32) | data IV (12) | data tag (16) | ciphertext.
 * The caller's binding (the storage key) is authenticated data, so a blob copied under another
 * document's name fails to decrypt.
 */
const MAGIC = Buffer.from('VDE1', 'latin1');
const IV = 12;
const TAG = 16;
const KEY = 32;

export interface Keyring {
  current: { id: string; key: Buffer };
  byId: ReadonlyMap<string, Buffer>;
}

/** A master key's id: the first 16 hex digits of its SHA-256 (reveals nothing usable). */
export const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 16);

export function createKeyring(current: Buffer, old: Buffer[] = []): Keyring {
  for (const k of [current, ...old])
    if (k.length !== KEY) throw new Error('Master keys are 32 bytes');
  const byId = new Map<string, Buffer>();
  for (const k of [current, ...old]) byId.set(keyIdOf(k), k);
  return { current: { id: keyIdOf(current), key: current }, byId };
}

function seal(key: Buffer, plain: Uint8Array, aad: Buffer) {
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), body };
}

function open(key: Buffer, iv: Buffer, tag: Buffer, body: Buffer, aad: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]);
}

export function encryptFile(
  plain: Uint8Array,
  keyring: Keyring,
  binding: string,
): { blob: Uint8Array; keyId: string } {
  const { id, key } = keyring.current;
  const dataKey = randomBytes(KEY);
  const wrapped = seal(key, dataKey, Buffer.from(`wrap:${id}:${binding}`));
  const data = seal(dataKey, plain, Buffer.from(`data:${id}:${binding}`));
  dataKey.fill(0);
  const idBytes = Buffer.from(id, 'latin1');
  const blob = Buffer.concat([
    MAGIC,
    Buffer.from([idBytes.length]),
    idBytes,
    wrapped.iv,
    wrapped.tag,
    wrapped.body,
    data.iv,
    data.tag,
    data.body,
  ]);
  return { blob: new Uint8Array(blob), keyId: id };
}

/** Decrypts a blob; any change to it (or use under another binding) fails GCM authentication. */
export function decryptFile(blob: Uint8Array, keyring: Keyring, binding: string): Uint8Array {
  const b = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (b.length < MAGIC.length + 1 || !b.subarray(0, 4).equals(MAGIC)) {
    throw documentsErrors.integrity('not an encrypted document');
  }
  const idLength = b[4]!;
  let pos = 5;
  const id = b.subarray(pos, pos + idLength).toString('latin1');
  pos += idLength;
  if (b.length < pos + IV + TAG + KEY + IV + TAG) throw documentsErrors.integrity('truncated');
  const take = (n: number) => b.subarray(pos, (pos += n));
  const wrapIv = take(IV);
  const wrapTag = take(TAG);
  const wrappedKey = take(KEY);
  const dataIv = take(IV);
  const dataTag = take(TAG);
  const body = b.subarray(pos);
  const master = keyring.byId.get(id);
  if (!master) throw documentsErrors.keyUnknown(id);
  let dataKey: Buffer | undefined;
  try {
    dataKey = open(master, wrapIv, wrapTag, wrappedKey, Buffer.from(`wrap:${id}:${binding}`));
    return new Uint8Array(
      open(dataKey, dataIv, dataTag, body, Buffer.from(`data:${id}:${binding}`)),
    );
  } catch (e) {
    throw documentsErrors.integrity((e as Error).message);
  } finally {
    dataKey?.fill(0);
  }
}

/**
 * The master keys from the configuration. Outside production, with no DOCUMENT_KEY, a key is
 * generated once into DATA_DIR/keys/document.key (created exclusively, so two processes starting
 * together end up with the same key) and a warning is logged. In production it must be set.
 */
export function loadKeyring(config: Config, logger: Pick<Logger, 'warn'>): Keyring {
  const old = (config.DOCUMENT_KEYS_OLD ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => Buffer.from(k, 'base64'));
  if (config.DOCUMENT_KEY) return createKeyring(Buffer.from(config.DOCUMENT_KEY, 'base64'), old);
  if (config.NODE_ENV === 'production') {
    throw new ConfigError([
      'DOCUMENT_KEY: required when NODE_ENV=production (base64 of 32 random bytes, e.g. `openssl rand -base64 32`)',
    ]);
  }
  const file = path.join(config.DATA_DIR, 'keys', 'document.key');
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, randomBytes(KEY).toString('base64'), { flag: 'wx', mode: 0o600 });
    logger.warn(
      { file },
      'DOCUMENT_KEY is not set: generated a document master key for development. Set DOCUMENT_KEY in production; losing this file makes stored documents unreadable.',
    );
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== KEY) throw new ConfigError([`${file}: not a base64 key of 32 bytes`]);
  return createKeyring(key, old);
}
