/** An error that becomes an RFC 9457 problem+json response. */
export class Problem extends Error {
  constructor(
    public readonly status: number,
    public readonly title: string,
    detail: string,
    public readonly errors: { param: string; message: string }[] = [],
  ) {
    super(detail);
  }
}

export const badRequest = (param: string, message: string) =>
  new Problem(400, "Bad request", `${param}: ${message}`, [{ param, message }]);

export const notFound = (what: string) => new Problem(404, "Not found", `${what} does not exist`);

export function problemBody(status: number, title: string, detail: string, instance: string, errors: Problem["errors"] = []) {
  return {
    type: `https://nexus-toolkit.invalid/problems/${status}`,
    title,
    status,
    detail,
    instance,
    ...(errors.length ? { errors } : {}),
  };
}
