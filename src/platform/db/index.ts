export {
  openDatabase,
  redactUrl,
  executeInTransaction,
  type Database,
  type Db,
  type AnyTransaction,
  type Engine,
  type RawTransaction,
} from './database';
export {
  migrate,
  readMigrations,
  appliedHead,
  checksumOf,
  MIGRATION_NAME,
  type MigrationReport,
} from './migrate';
export { Mutex } from './mutex';
export { isUniqueViolation } from './errors';
