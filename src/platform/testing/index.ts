export { createTestDatabase, type TestDatabase } from './test-database';
export { recordingJobs } from './recording-jobs';
export { partialRenderer } from './partials';
