import { spawn, type ChildProcess } from "node:child_process";
import { createServer, connect as tcp, type Server, type Socket } from "node:net";
import { expect, test } from "@playwright/test";
import pg from "pg";
import WebSocket from "ws";
import { loadContent } from "../../src/content/readContent.js";
import { openDatabase } from "../../src/db/connection.js";
import { migrate } from "../../src/db/migrate.js";
import { AuthService } from "../../src/server/platform/auth.service.js";
import { E2E_PASSWORD } from "./users.js";

// A participant's phone reconnects to the other instance (issue 14). Two server processes share one
// PostgreSQL database behind a small TCP balancer without sticky routing. The phone joins and plays
// through the balancer on the first instance; the balancer then sends new connections to the second
// and cuts the open ones, as a failover does. The facilitator stays on the first instance, so what
// the phone sees after reconnecting reached the second instance through PostgreSQL.

test.describe.configure({ timeout: 180_000 });

const kb = loadContent().kb;
type Inject = (typeof kb.scenarios)[number]["phases"][number]["injects"][number];
/** The manual injects of the first phase a role sees. */
const seenBy = (injects: Inject[], role: string) => injects.filter((i) => i.release.mode === "manual" && (i.audience === "all" || i.audience.includes(role)));
const sc = kb.scenarios.find((s) => s.roles.some((r) => seenBy(s.phases[0].injects, r.id).length >= 2))!;
const p1 = sc.phases[0];
const role = sc.roles.find((r) => seenBy(p1.injects, r.id).length >= 2)!;
const [inject1, inject2] = seenBy(p1.injects, role.id);
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:54329/postgres";
const base = Number(process.env.E2E_PORT ?? 8181) + 20;
const ports = [base, base + 1];
const balancerPort = base + 2;
const dbName = `nexus_e2e_instances_${process.pid}`;

/** Forwards each new TCP connection to the current instance; cut() closes every open one. */
class Balancer {
  target = ports[0];
  readonly routed: number[] = [];
  private readonly open = new Set<Socket>();
  private server!: Server;
  start() {
    this.server = createServer((client) => {
      const port = this.target;
      this.routed.push(port);
      const upstream = tcp(port, "127.0.0.1");
      for (const s of [client, upstream]) { this.open.add(s); s.on("close", () => this.open.delete(s)); s.on("error", () => s.destroy()); }
      client.pipe(upstream).pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    return new Promise<void>((resolve) => this.server.listen(balancerPort, "127.0.0.1", resolve));
  }
  cut() { for (const s of this.open) s.destroy(); }
  stop() { this.cut(); return new Promise((r) => (this.server ? this.server.close(r) : r(undefined))); }
}

let url = "";
const servers: ChildProcess[] = [];
const balancer = new Balancer();

test.beforeAll(async () => {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const u = new URL(ADMIN_URL);
  u.pathname = `/${dbName}`;
  url = u.toString();
  const db = await openDatabase({ databaseUrl: url, dataDir: "" });
  await migrate(db);
  await db.query("insert into organisation (id, name) values ('academy', 'Regional training academy')");
  await db.transaction((tx) => new AuthService(db).createUser(tx, { email: "trainer@academy.example", name: "Tariq Trainer", organisationId: "academy", roles: ["trainer"], password: E2E_PASSWORD }));
  await db.close();
  for (const port of ports) {
    servers.push(spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], { env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: url, LOG_LEVEL: "silent" }, stdio: ["ignore", "ignore", "pipe"] }));
    servers.at(-1)!.stderr!.on("data", (c: Buffer) => process.stderr.write(`instance on ${port}: ${c}`));
  }
  for (const port of ports) {
    await expect.poll(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.status, { timeout: 120_000 }).toBe(200);
  }
  await balancer.start();
});

test.afterAll(async () => {
  for (const s of servers) s.kill("SIGTERM");
  await balancer.stop();
  await Promise.all(servers.map((s) => new Promise((r) => (s.exitCode !== null ? r(null) : s.once("exit", r)))));
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
});

test("a participant whose connection moves to the other instance misses nothing and sees nothing twice", async ({ browser }) => {
  // The facilitator signs in and drives the session on the first instance, over the API and the live channel.
  const first = `http://127.0.0.1:${ports[0]}`;
  const login = await fetch(`${first}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "trainer@academy.example", password: E2E_PASSWORD }) });
  const cookie = String(login.headers.get("set-cookie")).split(";")[0];
  const csrf = (await login.json()).csrf_token as string;
  const post = (path: string, body: unknown) => fetch(`${first}${path}`, { method: "POST", headers: { "content-type": "application/json", cookie, "x-csrf-token": csrf }, body: JSON.stringify(body) }).then((r) => r.json());
  const ws = await post("/api/v1/workspaces", { name: "Failover drill" });
  const session = await post(`/api/v1/exercises/workspaces/${ws.id}/sessions`, { scenario: sc.id, max_participants: 10 });
  const facilitator = new WebSocket(`ws://127.0.0.1:${ports[0]}/api/v1/exercises/live`, { headers: { cookie } });
  const acks = new Map<string, (m: { t: string }) => void>();
  facilitator.on("message", (raw) => { const m = JSON.parse(String(raw)); if (acks.has(m.id)) acks.get(m.id)!(m); });
  await new Promise((r) => facilitator.once("open", r));
  facilitator.send(JSON.stringify({ t: "hello", session: session.id }));
  let n = 0;
  const command = (cmd: Record<string, unknown>) => new Promise<{ t: string }>((resolve) => { const id = `f${++n}`; acks.set(id, resolve); facilitator.send(JSON.stringify({ t: "cmd", id, cmd })); });

  // The participant joins on a phone through the balancer, which sends everything to the first instance.
  const context = await browser.newContext({ baseURL: `http://127.0.0.1:${balancerPort}`, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await context.newPage();
  await phone.goto(`/join?code=${session.join_code}`);
  await phone.getByLabel("Your name in this exercise").fill("Kestrel");
  await phone.getByLabel("I agree to take part on these terms").check();
  await phone.getByRole("button", { name: "Continue" }).click();
  await phone.getByRole("radio", { name: role.name, exact: true }).check();
  await phone.getByRole("button", { name: "Join the exercise" }).click();
  await expect(phone.getByRole("heading", { level: 1, name: sc.title })).toBeVisible();
  // Opened again (a phone coming back to the page), the first Tab reaches a link past the bar, to the exercise.
  await phone.reload();
  await expect(phone.getByRole("heading", { level: 1, name: sc.title })).toBeVisible();
  await phone.keyboard.press("Tab");
  await expect(phone.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await phone.keyboard.press("Enter");
  await expect(phone.locator("main")).toBeFocused();

  for (const cmd of [{ type: "start-briefing" }, { type: "enter-phase", phase: p1.id }, { type: "release-situation" }, { type: "release-inject", inject: inject1.id }]) expect((await command(cmd)).t).toBe("ack");
  await expect(phone.getByRole("heading", { level: 3, name: inject1.title })).toBeVisible();
  expect(new Set(balancer.routed)).toEqual(new Set([ports[0]]));

  // Failover: new connections go to the second instance and the open ones are cut.
  balancer.target = ports[1];
  balancer.cut();
  await expect(phone.getByRole("status").filter({ hasText: "Connection lost: reconnecting…" })).toBeVisible();
  // While the phone is away, the facilitator (still on the first instance) releases the next inject.
  expect((await command({ type: "release-inject", inject: inject2.id })).t).toBe("ack");
  await expect(phone.getByRole("heading", { level: 3, name: inject2.title })).toBeVisible({ timeout: 20_000 });
  expect(balancer.routed.at(-1)).toBe(ports[1]);
  // Then live again: an event written on the first instance reaches the phone on the second.
  expect((await command({ type: "pause" })).t).toBe("ack");
  await expect(phone.getByText("The exercise is paused.")).toBeVisible();
  // Each inject is in the feed once.
  await expect(phone.getByRole("heading", { level: 3, name: inject1.title })).toHaveCount(1);
  await expect(phone.getByRole("heading", { level: 3, name: inject2.title })).toHaveCount(1);
  facilitator.close();
  await context.close();
});
