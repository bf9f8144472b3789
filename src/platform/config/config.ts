import path from 'node:path';
import { ConfigSchema, type Config } from './config.schema';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const KNOWN_KEYS = new Set(Object.keys(ConfigSchema.shape));

/**
 * Parses the environment once at start-up. Only keys the schema knows are taken (the process
 * environment holds many unrelated variables); every problem is reported at once so an operator
 * fixes them in one pass.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const input: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (KNOWN_KEYS.has(key) && value !== undefined && value !== '') input[key] = value;
  }
  const parsed = ConfigSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  const c = parsed.data;
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, '');
  const engine = c.DATABASE_URL ? 'postgres' : 'pglite';
  const dataDir = path.resolve(c.DATA_DIR);
  return {
    ...c,
    DATA_DIR: dataDir,
    publicUrl,
    secure: publicUrl.startsWith('https://'),
    engine,
    storageDir: path.resolve(c.STORAGE_DIR ?? path.join(dataDir, 'files')),
    seedDemo: c.SEED_DEMO ?? c.NODE_ENV !== 'production',
    seedDemoCases: (c.SEED_DEMO ?? c.NODE_ENV !== 'production') && (c.SEED_DEMO_CASES ?? true),
    workersInProcess:
      c.WORKERS_IN_PROCESS === 'auto' ? engine === 'pglite' : c.WORKERS_IN_PROCESS === 'true',
  };
}
