import { StartupError } from "../db/dataFolder.js";

const debug = () => process.env.LOG_LEVEL === "debug";

/** One line for a start-up failure: a StartupError says it all; anything else is named with where to see more. */
export function startupLine(e: unknown): string {
  if (e instanceof StartupError) return e.message;
  const message = e instanceof Error ? e.message : String(e);
  return `Nexus did not start: ${message.split("\n")[0]}${debug() ? "" : " (LOG_LEVEL=debug shows the stack trace)"}`;
}

/**
 * Until the server listens, any error ends the process with one line on standard error and exit
 * code 1 (the stack trace only with LOG_LEVEL=debug). Returns the function that ends the guard.
 */
export function guardStartup(): () => void {
  const fail = (e: unknown) => {
    console.error(startupLine(e));
    if (debug() && e instanceof Error) console.error(e.stack);
    process.exit(1);
  };
  process.on("uncaughtException", fail);
  return () => { process.off("uncaughtException", fail); };
}

/** The listen error of PORT or HOST as one line naming the setting and the fix. */
export function listenError(e: unknown, port: number, host: string): Error {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE") return new StartupError(`PORT=${port} is already in use on ${host}; stop the process listening there or set PORT to a free port`, e);
  if (code === "EACCES") return new StartupError(`PORT=${port} needs privileges this account lacks on ${host}; set PORT above 1023 (put a reverse proxy on 80/443)`, e);
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND" || code === "EAI_AGAIN") return new StartupError(`HOST=${host} is not an address of this machine (${code}); set HOST to one of its addresses, or 0.0.0.0 for all`, e);
  return e as Error;
}
