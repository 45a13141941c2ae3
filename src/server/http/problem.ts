/**
 * One refused field: `param` names it, `message` says why (in English until the error handler
 * renders it in the reader's language); `code` and `params` are its message key where it has one.
 */
export interface FieldError { param: string; message: string; code?: string; params?: Record<string, string | number> }

/** An error that becomes an RFC 9457 problem+json response. */
export class Problem extends Error {
  constructor(
    public readonly status: number,
    public readonly title: string,
    detail: string,
    public readonly errors: FieldError[] = [],
    /** A message key the web UI translates (e.g. "ops.disk_full"), with its parameters; the detail stays as the English fallback. */
    public readonly key?: { code: string; params?: Record<string, string | number> },
  ) {
    super(detail);
  }
}

export const badRequest = (param: string, message: string) =>
  new Problem(400, "Bad request", `${param}: ${message}`, [{ param, message }]);

export const notFound = (what: string) => new Problem(404, "Not found", `${what} does not exist`);

export function problemBody(status: number, title: string, detail: string, instance: string, errors: Problem["errors"] = [], key?: Problem["key"]) {
  return {
    type: `https://nexus-toolkit.invalid/problems/${status}`,
    title,
    status,
    detail,
    instance,
    ...(key ? { code: key.code, ...(key.params ? { params: key.params } : {}) } : {}),
    ...(errors.length ? { errors } : {}),
  };
}
