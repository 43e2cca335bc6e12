/**
 * Errors that end a command with a documented exit code (docs/exit-codes.md).
 * Commands throw; only src/main.ts turns an error into an exit code and a one-line message.
 * Messages are catalogue keys with parameters, so the same error reads in Russian or English.
 */
export const EXIT = {
  ok: 0,
  dataErrors: 1,
  usage: 2,
  input: 3,
  workspace: 4,
  internal: 70,
} as const;
export type ExitCodeValue = (typeof EXIT)[keyof typeof EXIT];

export type MessageParams = Record<string, string | number | undefined>;

export class UchebnikError extends Error {
  constructor(
    readonly exitCode: ExitCodeValue,
    /** key in the message catalogue (src/core/i18n) */
    readonly key: string,
    readonly params: MessageParams = {},
    options?: { cause?: unknown },
  ) {
    super(`${key} ${JSON.stringify(params)}`, options);
    this.name = new.target.name;
  }
}

/** Exit 2: a bad command line (unknown flag, missing argument, bad flag value). */
export class UsageError extends UchebnikError {
  constructor(key: string, params: MessageParams = {}, options?: { cause?: unknown }) {
    super(EXIT.usage, key, params, options);
  }
}

/** Exit 3: an input file cannot be read (missing, unsupported, corrupt, too large, no header). */
export class InputError extends UchebnikError {
  constructor(key: string, params: MessageParams & { file: string }, options?: { cause?: unknown }) {
    super(EXIT.input, key, params, options);
  }
}

/** Exit 4: not a workspace, locked, damaged state, newer schema. */
export class WorkspaceError extends UchebnikError {
  constructor(key: string, params: MessageParams = {}, options?: { cause?: unknown }) {
    super(EXIT.workspace, key, params, options);
  }
}

/** Exit 1 without a report: the command finished but refused on data grounds (e.g. forming a draft order). */
export class DataError extends UchebnikError {
  constructor(key: string, params: MessageParams = {}) {
    super(EXIT.dataErrors, key, params);
  }
}
