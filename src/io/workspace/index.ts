/** The workspace module's public face: everything else in uchebnik imports from here. */
export { SCHEMA_VERSION } from './schema.js';
export { writeFileAtomic } from './atomic.js';
export { DEFAULT_SETTINGS, type Campaign, type WorkspaceConfig, type WorkspaceSettings } from './config.js';
export { fileSha256, inputMetaSchema, type InputMeta, type StoredInput } from './inputs.js';
export { appendJournal, readJournal, type JournalDamage, type JournalEntry, type JournalInput } from './journal.js';
export { readJournalLines, verifyChain, type JournalBreak } from './journal.js';
export { DEFAULT_LOCK_WAIT_MS, inspectLock, withLock, type LockHolder, type LockOptions, type LockState, type Notice } from './lock.js';
export { locateWorkspace, type LocateOptions } from './locate.js';
export { MAX_NAME_BYTES, resolveInside, safeFileName } from './paths.js';
export { Workspace, initWorkspace, openWorkspace, type InitOptions, type WorkspaceOptions } from './workspace.js';
export {
  checkWorkspace,
  problem,
  type DoctorCheck,
  type DoctorNote,
  type DoctorOptions,
  type DoctorProblem,
  type DoctorReport,
  type DoctorSeverity,
} from './doctor.js';
