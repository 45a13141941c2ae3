import type { FastifyInstance } from "fastify";
import { loadContent } from "../../src/content/readContent.js";
import type { Role } from "../../src/core/platform/roles.js";
import { migrate } from "../../src/db/migrate.js";
import { buildAppWithServices, type App, type AppOptions } from "../../src/server/app.js";
import { loadKnowledge } from "../../src/server/knowledge/knowledge.repository.js";
import type { TestDatabase } from "./databases.js";

const content = loadContent();
export const PASSWORD = "tidal-ember-quarry-42";
const system = { userId: null, organisationId: null, ip: "test" };

export interface Response { status: number; headers: Record<string, unknown>; body: any; text: string; raw: Buffer }

/** A signed-in browser: sends the session cookie and the CSRF header like the web UI does. */
export class Client {
  constructor(private readonly app: FastifyInstance, readonly cookie: string | null, readonly csrf: string | null, readonly bearer: string | null = null) {}

  async request(method: string, url: string, body?: unknown, opts: { csrf?: boolean; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...opts.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && opts.csrf !== false) headers["x-csrf-token"] = this.csrf;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const r = await this.app.inject({ method: method as never, url, headers, payload: body === undefined ? undefined : (body as object) });
    let parsed: unknown = undefined;
    try { parsed = r.json(); } catch { /* not JSON */ }
    return { status: r.statusCode, headers: r.headers, body: parsed, text: r.body, raw: r.rawPayload };
  }
  get = (url: string) => this.request("GET", url);
  post = (url: string, body: unknown = {}) => this.request("POST", url, body);
  patch = (url: string, body: unknown) => this.request("PATCH", url, body);
  del = (url: string) => this.request("DELETE", url);
}

export interface Fixture extends App {
  t: TestDatabase;
  ids: Record<string, string>;
  as: (who: string) => Promise<Client>;
  anonymous: Client;
  close: () => Promise<void>;
}

/**
 * A deployment with three agencies and a shared workspace. alice (police, also coordinator) and bob (police) and carol
 * (FIU) are members; dave (police) is not; erin (police) was a member and was revoked; olga is
 * oversight (ombudsman) of the whole deployment's audit; adam is the police admin; mallory (customs) holds every role but
 * oversight and belongs to no workspace of theirs.
 */
export async function platformFixture(create: () => Promise<TestDatabase>, options: Pick<AppOptions, "clock" | "retentionGuards" | "translations"> = {}): Promise<Fixture> {
  const t = await create();
  await migrate(t.db);
  await loadKnowledge(t.db, content.kb, content.version);
  const built = await buildAppWithServices({ db: t.db, kb: content.kb, webDir: "/nonexistent/", trustProxy: true, ...options });
  const { admin, workspaces } = built.services;
  for (const name of ["Police", "FIU", "Ombudsman", "Customs"]) await admin.createOrganisation(name, system);
  const people: [string, string, Role[]][] = [
    ["alice", "police", ["analyst", "coordinator"]], ["bob", "police", ["analyst"]], ["carol", "fiu", ["analyst"]], ["dave", "police", ["analyst"]],
    ["erin", "police", ["analyst"]], ["olga", "ombudsman", ["oversight"]], ["adam", "police", ["admin"]],
    ["mallory", "customs", ["viewer", "analyst", "coordinator", "trainer", "admin"]],
  ];
  const ids: Record<string, string> = {};
  const users: Record<string, Awaited<ReturnType<typeof admin.createUser>>> = {};
  for (const [name, org, roles] of people) {
    const u = await admin.createUser(null, { email: `${name}@example.org`, name: name[0].toUpperCase() + name.slice(1), organisation: org, roles, password: PASSWORD }, system);
    ids[name] = u.id;
    users[name] = u;
  }
  await t.db.query("update app_user set deployment_oversight_at = now() where id = $1", [ids.olga]); // as `nexus audit scope --deployment` does
  const ws = await workspaces.create(users.alice, { name: "Joint task force" }, system);
  ids.ws = (ws as unknown as { id: string }).id;
  for (const m of ["bob", "carol", "erin"]) await workspaces.addMember(users.alice, ids.ws, ids[m], system);
  await workspaces.revokeMember(users.alice, ids.ws, ids.erin, system);

  const as = async (who: string) => {
    const r = await built.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: `${who}@example.org`, password: PASSWORD } });
    if (r.statusCode !== 200) throw new Error(`login as ${who} failed: ${r.body}`);
    const cookie = String(r.headers["set-cookie"]).split(";")[0];
    return new Client(built.app, cookie, r.json().csrf_token);
  };
  return {
    ...built, t, ids, as, anonymous: new Client(built.app, null, null),
    close: async () => { await built.app.close(); await t.drop(); },
  };
}
