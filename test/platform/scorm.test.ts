/**
 * The SCORM 1.2 download of a learning path over HTTP (decision 0041): public, an attachment of
 * type application/zip in the language asked (`lang`, else Accept-Language), refusals naming the
 * parameter.
 */
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/readContent.js";
import { learningPath } from "../../src/core/training/paths.js";
import { engines } from "../support/databases.js";
import { platformFixture, type Fixture } from "../support/platform.js";

const { kb } = loadContent();
const police = learningPath(kb, "police");

describe.each(engines.slice(0, 1))("the SCORM package route on $name", ({ create }) => {
  let f: Fixture;
  beforeAll(async () => { f = await platformFixture(create); });
  afterAll(async () => { await f?.close(); });

  it("gives anyone the path as a zip attachment with the manifest and a page per module", async () => {
    const r = await f.anonymous.get("/api/v1/training/paths/police/scorm.zip?lang=fr");
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("application/zip");
    expect(r.headers["content-disposition"]).toBe('attachment; filename="nexus-police-fr-scorm12.zip"');
    const zip = await JSZip.loadAsync(r.raw);
    expect(zip.file("imsmanifest.xml")).not.toBeNull();
    for (const m of police.modules) expect(zip.file(`modules/${m.id}.html`), m.id).not.toBeNull();
    const page = await zip.file(`modules/${police.modules[0].id}.html`)!.async("string");
    expect(page).toMatch(/<html lang="fr" dir="ltr">/);
    expect(page).toContain("Vérification des connaissances");
  });

  it("takes the reader's language from Accept-Language when no lang is given", async () => {
    const r = await f.anonymous.request("GET", "/api/v1/training/paths/police/scorm.zip", undefined, { headers: { "accept-language": "ar" } });
    expect(r.status).toBe(200);
    expect(r.headers["content-disposition"]).toContain("nexus-police-ar-scorm12.zip");
    const page = await (await JSZip.loadAsync(r.raw)).file("modules/nexus.html")!.async("string");
    expect(page).toMatch(/<html lang="ar" dir="rtl">/);
  });

  it("refuses a malformed audience, an unknown one and an unknown language, naming the parameter", async () => {
    const bad = await f.anonymous.get("/api/v1/training/paths/Police!/scorm.zip");
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].param).toBe("audience");
    const unknown = await f.anonymous.get("/api/v1/training/paths/astronauts/scorm.zip");
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0]).toMatchObject({ param: "audience", code: "validation.msg.unknownId", params: { id: "astronauts" } });
    const lang = await f.anonymous.get("/api/v1/training/paths/police/scorm.zip?lang=xx");
    expect(lang.status).toBe(400);
    expect(lang.body.errors[0].param).toBe("lang");
  });
});
