// After `vite build`: writes the service worker's precache list and gzip/brotli copies of
// every text asset, so the server sends compressed files without compressing per request.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const root = new URL("../dist/web/", import.meta.url).pathname;
const walk = (d) => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
const files = walk(root).filter((f) => !/\.(gz|br)$/.test(f));

const precache = ["/", ...files.map((f) => "/" + relative(root, f)).filter((u) => u !== "/index.html" && u !== "/sw.js")];
const swPath = join(root, "sw.js");
const sw = readFileSync(swPath, "utf8");
const version = Buffer.from(precache.join("|")).toString("base64url").slice(-12);
writeFileSync(swPath, sw.replace("self.__PRECACHE__", JSON.stringify(precache)).replace("__SW_VERSION__", version));

for (const f of walk(root).filter((f) => /\.(js|css|html|svg|json|txt)$/.test(f))) {
  const buf = readFileSync(f);
  writeFileSync(`${f}.gz`, gzipSync(buf, { level: 9 }));
  writeFileSync(`${f}.br`, brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
}
