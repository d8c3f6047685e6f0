/** One problem found in an input, addressed by its path (`options.2`, `row 5 / 答案`). */
export interface Issue {
  path: string;
  message: string;
}

/** A rejected request or command: a namespaced code (`input/invalid`) and a message in the caller's locale. */
export interface AppError {
  code: string;
  message: string;
  issues?: Issue[];
}

/** What every socket acknowledgement and every JSON API error carries. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError };

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
export const fail = <T = never>(error: AppError): Result<T> => ({ ok: false, error });
