/**
 * Compression of responses (decision 0003): small answers (a search, a page of a list) are
 * compressed in one call, in the encoding the client prefers among those it accepts, with their
 * length and Vary; a client that accepts none gets the plain body; large ones still stream.
 */
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseEncoding } from "../src/server/http/smallResponses.js";
import { engines } from "./support/databases.js";
import { platformFixture, type Fixture } from "./support/platform.js";

describe("choosing the encoding", () => {
  it.each([
    ["br, gzip", "br"], ["gzip, deflate, br", "br"], ["gzip", "gzip"], ["br;q=0, gzip", "gzip"], ["br;q=0.5, gzip;q=1", "br"],
    ["identity", null], ["", null], [undefined, null], ["*", "br"], ["*;q=0", null], ["gzip;q=0, *", "br"], ["deflate", null],
  ])("%s -> %s", (header, expected) => expect(chooseEncoding(header)).toBe(expected));
});

describe("small responses on the wire", () => {
  let f: Fixture;
  beforeAll(async () => { f = await platformFixture(engines[0].create); });
  afterAll(async () => { await f?.close(); });
  const search = (encoding?: string) =>
    f.app.inject({ url: "/api/v1/search?q=border", headers: encoding === undefined ? {} : { "accept-encoding": encoding } });

  it("compresses a search answer in the preferred encoding, with its length and Vary", async () => {
    const plain = await search();
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const text = plain.body;
    expect(text.length).toBeGreaterThan(1024);
    for (const [accept, encoding, decode] of [["br, gzip", "br", brotliDecompressSync], ["gzip", "gzip", gunzipSync]] as const) {
      const r = await search(accept);
      expect(r.headers["content-encoding"]).toBe(encoding);
      expect(Number(r.headers["content-length"])).toBe(r.rawPayload.length);
      expect(r.rawPayload.length).toBeLessThan(text.length / 2);
      expect(decode(r.rawPayload).toString("utf8")).toBe(text);
      expect(String(r.headers.vary)).toMatch(/accept-language/i);
      expect(String(r.headers.vary)).toMatch(/accept-encoding/i);
    }
  });

  it("leaves small bodies and clients that accept no compression alone", async () => {
    expect((await search("identity")).headers["content-encoding"]).toBeUndefined();
    const health = await f.app.inject({ url: "/healthz", headers: { "accept-encoding": "br" } });
    expect(health.headers["content-encoding"]).toBeUndefined();
  });

  it("still compresses a large answer, as a stream", async () => {
    const r = await f.app.inject({ url: "/api/v1/bundle?lang=en", headers: { "accept-encoding": "gzip" } });
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(r.rawPayload).toString("utf8")).lang).toBe("en");
  });
});
