import { existsSync } from "node:fs";
import { formatProblem } from "../core/knowledge/validate.js";
import { defaultContentDir, loadContent } from "../content/readContent.js";
import { parseArgs } from "./args.js";
import type { CliIo } from "./main.js";

/** `nexus content validate`: exit 0 when clean, 1 with one line per problem, 2 on misuse. */
export function contentValidate(args: string[], io: CliIo): number {
  const parsed = parseArgs(args, { values: ["--dir"] });
  if (!parsed.ok) { io.err(`nexus content validate: ${parsed.error}`); return 2; }
  const dir = parsed.values.get("--dir") ?? defaultContentDir;
  if (!existsSync(dir)) { io.err(`nexus content validate: --dir "${dir}" does not exist`); return 2; }
  const { problems, version, translationProblems, translationReports } = loadContent(dir);
  for (const p of problems) io.err(formatProblem(p));
  for (const p of translationProblems) io.err(`content/${p.file}: ${p.entry}: ${p.message}`);
  // Completeness and staleness per language (decision 0022).
  for (const r of translationReports) {
    const share = r.fields ? Math.floor((r.translated / r.fields) * 1000) / 10 : 0;
    io.out(`${r.language}: ${r.translated} of ${r.fields} fields translated (${share}%), ${r.stale} stale, ${r.reviewedEntries} of ${r.entries} entries reviewed`);
  }
  const count = problems.length + translationProblems.length;
  if (count) { io.err(`${count} problem(s) found`); return 1; }
  io.out(`content ok (version ${version})`);
  return 0;
}
