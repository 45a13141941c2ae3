import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { checkpointStatement, type Checkpoint } from "../../core/platform/auditChain.js";
import type { Db, Queryable } from "../../db/connection.js";
import { AUDIT_LOCK } from "./audit.repository.js";

/** Where the signing key and the checkpoint file live: outside the database, in the data folder by default. */
export interface AnchorPaths {
  keyFile: string;
  logFile: string;
}

export const KEY_FILE = "audit-signing-key.pem";
export const LOG_FILE = "audit-checkpoints.jsonl";

/**
 * The anchor's files for a deployment: the key in AUDIT_SIGNING_KEY_FILE or the data folder, the
 * checkpoint file in the data folder (also on PostgreSQL). An in-memory data folder has none.
 */
export function anchorPaths(dataDir: string, env: NodeJS.ProcessEnv = process.env): AnchorPaths | null {
  if (dataDir.startsWith("memory://")) return null;
  return { keyFile: env.AUDIT_SIGNING_KEY_FILE || join(dataDir, KEY_FILE), logFile: join(dataDir, LOG_FILE) };
}

/** A checkpoint file line that is not a checkpoint: damaged or written by hand. */
export interface UnreadableLine { line: number }

const keyIdOf = (publicKey: KeyObject) => createHash("sha256").update(publicKey.export({ type: "spki", format: "der" })).digest("hex").slice(0, 16);

export function rowToCheckpoint(r: Record<string, unknown>): Checkpoint {
  return {
    seq: Number(r.seq), hash: r.hash as string, at: new Date(r.at as string).toISOString(), count: Number(r.count),
    key_id: r.key_id as string, signature: r.signature as string,
  };
}

/**
 * Signs checkpoints of the audit chain's head with an Ed25519 key kept outside the database, and
 * checks them. The server signs; `nexus audit verify` only reads, and works with the public key
 * alone. See docs/decisions/0012.
 */
export class AuditAnchor {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly paths: AnchorPaths,
    private readonly privateKey: KeyObject | null,
    private readonly publicKey: KeyObject | null,
    /** the key's id, or null when there is no key to check with */
    readonly keyId: string | null,
  ) {}

  /**
   * For the server: reads the signing key, creating it (mode 0600) on the first start. Refuses
   * to create a new key when the database already holds checkpoints: they were signed with a
   * key that must be restored (or, with several instances, shared), not silently replaced.
   */
  static async open(db: Queryable, paths: AnchorPaths): Promise<AuditAnchor> {
    if (!existsSync(paths.keyFile)) {
      const { rows } = await db.query<{ n: string }>("select count(*) as n from audit_checkpoint");
      if (Number(rows[0].n) > 0) {
        throw new Error(`The database holds ${rows[0].n} signed audit checkpoint(s) but there is no signing key at ${paths.keyFile}. ` +
          "Restore the deployment's key there or point AUDIT_SIGNING_KEY_FILE at it (every instance needs the same key).");
      }
      mkdirSync(dirname(paths.keyFile), { recursive: true });
      const { privateKey } = generateKeyPairSync("ed25519");
      try {
        writeFileSync(paths.keyFile, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600, flag: "wx" });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e; // another instance created it first: use theirs
      }
    }
    const privateKey = createPrivateKey(readFileSync(paths.keyFile));
    if (privateKey.asymmetricKeyType !== "ed25519") throw new Error(`${paths.keyFile} is not an Ed25519 private key`);
    const publicKey = createPublicKey(privateKey);
    mkdirSync(dirname(paths.logFile), { recursive: true });
    return new AuditAnchor(paths, privateKey, publicKey, keyIdOf(publicKey));
  }

  /** For verification: the key file's public half (a private or a public PEM), if there is one; never writes. */
  static forVerification(paths: AnchorPaths): AuditAnchor {
    if (!existsSync(paths.keyFile)) return new AuditAnchor(paths, null, null, null);
    const publicKey = createPublicKey(readFileSync(paths.keyFile));
    if (publicKey.asymmetricKeyType !== "ed25519") throw new Error(`${paths.keyFile} is not an Ed25519 key`);
    return new AuditAnchor(paths, null, publicKey, keyIdOf(publicKey));
  }

  /** Whether the checkpoint was signed with this deployment's key and is unaltered. */
  verifySignature(c: Checkpoint): boolean {
    if (!this.publicKey || c.key_id !== this.keyId || typeof c.signature !== "string") return false;
    try {
      return verify(null, Buffer.from(checkpointStatement(c)), this.publicKey, Buffer.from(c.signature, "base64"));
    } catch {
      return false;
    }
  }

  /**
   * Signs the current head when it moved since the last checkpoint: in the database, under the
   * audit lock (so the head is committed and final), then one line in the checkpoint file.
   * A crash between the two leaves a checkpoint only in the table, which is still signed and
   * still checked; the reverse (in the file, not in the table) only happens when rows are deleted.
   */
  async checkpoint(db: Db): Promise<Checkpoint | null> {
    const signer = this.privateKey;
    if (!signer || !this.keyId) throw new Error("this audit anchor can only verify: it has no private key");
    const run = this.running.then(() => db.transaction(async (tx) => {
      await tx.query("select pg_advisory_xact_lock($1)", [AUDIT_LOCK]);
      const head = (await tx.query<{ seq: string; hash: string }>("select seq, hash from audit_log order by seq desc limit 1")).rows[0];
      const lastRow = (await tx.query("select * from audit_checkpoint order by seq desc limit 1")).rows[0];
      const last = lastRow ? rowToCheckpoint(lastRow) : null;
      if (!head || (last && last.seq >= Number(head.seq))) return null;
      if (last && last.key_id !== this.keyId) {
        throw new Error(`audit checkpoints are signed with key ${last.key_id}, this instance's key is ${this.keyId}: give every instance the same AUDIT_SIGNING_KEY_FILE`);
      }
      // The count builds on the last checkpoint when it is genuine; otherwise count them all.
      const since = last && this.verifySignature(last) ? last : null;
      const n = (await tx.query<{ n: string }>("select count(*) as n from audit_log where seq > $1", [since?.seq ?? 0])).rows[0].n;
      const unsigned = { seq: Number(head.seq), hash: head.hash, at: new Date().toISOString(), count: (since?.count ?? 0) + Number(n), key_id: this.keyId! };
      const c: Checkpoint = { ...unsigned, signature: sign(null, Buffer.from(checkpointStatement(unsigned)), signer).toString("base64") };
      await tx.query("insert into audit_checkpoint (seq, hash, at, count, key_id, signature) values ($1, $2, $3, $4, $5, $6) on conflict (seq) do nothing",
        [c.seq, c.hash, c.at, c.count, c.key_id, c.signature]);
      return c;
    }));
    this.running = run.catch(() => undefined);
    const c = await run;
    if (c) appendFileSync(this.paths.logFile, `${JSON.stringify(c)}\n`, { mode: 0o600 });
    return c;
  }

  /** Checkpoints now and then every `seconds` while the head moves; errors go to `onError`. */
  start(db: Db, seconds: number, onError: (e: unknown) => void): void {
    const tick = () => { this.checkpoint(db).catch(onError); };
    tick();
    this.timer = setInterval(tick, seconds * 1000);
    this.timer.unref();
  }

  /** Stops the timer and signs the final head, so a tail cut while the server is down is caught. */
  async stop(db: Db): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    await this.checkpoint(db);
  }

  /** The checkpoints in the database. */
  async tableCheckpoints(db: Queryable): Promise<Checkpoint[]> {
    return (await db.query("select * from audit_checkpoint order by seq")).rows.map(rowToCheckpoint);
  }

  /** The checkpoints in the file outside the database, and the lines that are not checkpoints. */
  fileCheckpoints(): { checkpoints: Checkpoint[]; unreadable: UnreadableLine[] } {
    const checkpoints: Checkpoint[] = [];
    const unreadable: UnreadableLine[] = [];
    if (!existsSync(this.paths.logFile)) return { checkpoints, unreadable };
    readFileSync(this.paths.logFile, "utf8").split("\n").forEach((text, i) => {
      if (!text.trim()) return;
      try {
        const c = JSON.parse(text) as Checkpoint;
        if (!Number.isSafeInteger(c.seq) || typeof c.hash !== "string" || typeof c.at !== "string" || !Number.isSafeInteger(c.count)) throw new Error();
        checkpoints.push(c);
      } catch {
        unreadable.push({ line: i + 1 });
      }
    });
    return { checkpoints, unreadable };
  }
}
