import { createHash, randomBytes, randomUUID } from "node:crypto";

export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
/** A secret for a cookie, token or link: 256 random bits, URL-safe. */
export const newSecret = () => randomBytes(32).toString("base64url");
export const newId = () => randomUUID();
