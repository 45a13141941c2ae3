// Installs what the tests need when it is missing, and does nothing when it is present:
// Debian's chromium for the browser tests (Playwright never downloads its own browser here),
// and poppler-utils (pdftotext) and unzip, with which the report tests read PDF and DOCX back.
// With NEXUS_TEST_PG=1 it also makes sure a PostgreSQL server is installed.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function aptInstall(packages) {
  const asRoot = process.getuid?.() === 0 ? [] : ["sudo", "-n"];
  const run = (args) => spawnSync(asRoot[0] ?? args[0], asRoot.length ? [...asRoot.slice(1), ...args] : args.slice(1), { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  console.log(`setup: installing ${packages.join(", ")} with apt-get…`);
  let r = run(["apt-get", "install", "-y", "--no-install-recommends", ...packages]);
  if (r.status !== 0) {
    run(["apt-get", "update"]);
    r = run(["apt-get", "install", "-y", "--no-install-recommends", ...packages]);
  }
  return r.status === 0;
}

function fail(message) {
  console.error(`\nsetup failed: ${message}\n`);
  process.exit(1);
}

if (!existsSync(CHROMIUM)) {
  if (!aptInstall(["chromium"]) || !existsSync(CHROMIUM)) {
    fail(`the browser tests need Chromium at ${CHROMIUM}. Install Debian's "chromium" package (apt-get install chromium) as root, or set CHROMIUM_PATH.`);
  }
}
try {
  execFileSync(CHROMIUM, ["--version"], { stdio: "pipe" });
} catch (e) {
  fail(`${CHROMIUM} is present but does not run: ${e.message}`);
}
console.log(`setup: chromium ok (${CHROMIUM})`);

// The report and document tests read PDFs back with poppler-utils (pdftotext, pdfinfo, pdffonts)
// and the DOCX parts with unzip.
const tools = [["/usr/bin/pdftotext", "poppler-utils"], ["/usr/bin/unzip", "unzip"]];
const missingTools = tools.filter(([path]) => !existsSync(path));
if (missingTools.length && (!aptInstall(missingTools.map(([, pkg]) => pkg)) || missingTools.some(([path]) => !existsSync(path)))) {
  fail(`the report tests need ${missingTools.map(([path, pkg]) => `${path} (Debian's "${pkg}")`).join(" and ")}. Install them with apt-get as root.`);
}
console.log("setup: pdftotext and unzip ok");

// PostgreSQL: the repository and API tests run against PGlite and a real PostgreSQL server.
// A private throw-away cluster on a fixed local port keeps the machine's own clusters untouched.
const PG_PORT = 54329;
const PG_DIR = process.env.NEXUS_TEST_PG_DIR ?? "/tmp/nexus-test-pg";
const pgBin = () => {
  const versions = spawnSync("sh", ["-c", "ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1"], { encoding: "utf8" }).stdout.trim();
  return versions && existsSync(`${versions}/pg_ctl`) ? versions : "";
};
if (!pgBin()) {
  if (!aptInstall(["postgresql"]) || !pgBin()) fail('the PostgreSQL test run needs a PostgreSQL server. Install Debian\'s "postgresql" package as root.');
}
const bin = pgBin();
const asPostgres = process.getuid?.() === 0 ? ["runuser", "-u", "postgres", "--"] : [];
const pg = (cmd, args, opts = {}) => spawnSync(asPostgres[0] ?? `${bin}/${cmd}`, asPostgres.length ? [...asPostgres.slice(1), `${bin}/${cmd}`, ...args] : args, { encoding: "utf8", ...opts });
const ready = () => pg("pg_isready", ["-h", "127.0.0.1", "-p", String(PG_PORT)]).status === 0;
if (!ready()) {
  if (!existsSync(`${PG_DIR}/PG_VERSION`)) {
    spawnSync("mkdir", ["-p", PG_DIR]);
    if (asPostgres.length) spawnSync("chown", ["postgres:postgres", PG_DIR]);
    const init = pg("initdb", ["-D", PG_DIR, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
    if (init.status !== 0) fail(`initdb failed: ${init.stderr}`);
  }
  const start = pg("pg_ctl", ["-D", PG_DIR, "-l", `${PG_DIR}/server.log`, "-o", `-p ${PG_PORT} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off`, "-w", "start"]);
  if (start.status !== 0 || !ready()) fail(`could not start the test PostgreSQL server: ${start.stderr || start.stdout}`);
}
console.log(`setup: postgresql ok (127.0.0.1:${PG_PORT})`);
