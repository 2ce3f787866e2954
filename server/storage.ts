import { mkdirSync } from 'node:fs';

/**
 * Makes the screenshots' folder, owner and group only. At the start, and again wherever it is found
 * missing (deleted by a clean-up, or a backup restored without it): one place for its name and mode.
 */
export const makeAttachmentsDir = (dir: string) => mkdirSync(dir, { recursive: true, mode: 0o750 });

/** Whether an error is the disk's, not the program's: a folder or file that cannot be written, or no room. */
export const isStorageFailure = (error: unknown) =>
  /^(E(ACCES|PERM|ROFS|NOTDIR|NOENT|NOSPC|DQUOT|IO)|SQLITE_(CANTOPEN|READONLY|FULL|IOERR))/.test((error as { code?: string } | undefined)?.code ?? '');
