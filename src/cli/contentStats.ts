import { existsSync } from "node:fs";
import { contentStats as countContent } from "../core/knowledge/validate.js";
import { defaultContentDir, loadContent } from "../content/readContent.js";
import { parseArgs } from "./args.js";
import type { CliIo } from "./main.js";

/** `nexus content stats [--json]`: counts of every kind of entry. */
export function contentStats(args: string[], io: CliIo): number {
  const parsed = parseArgs(args, { flags: ["--json"], values: ["--dir"] });
  if (!parsed.ok) { io.err(`nexus content stats: ${parsed.error}`); return 2; }
  const dir = parsed.values.get("--dir") ?? defaultContentDir;
  if (!existsSync(dir)) { io.err(`nexus content stats: --dir "${dir}" does not exist`); return 2; }
  const stats = countContent(loadContent(dir).kb);
  if (parsed.flags.has("--json")) io.out(JSON.stringify(stats));
  else {
    const { practices, ...rest } = stats;
    io.out(`practices: hague ${practices.hague}, addendum ${practices.addendum}, icct ${practices.icct}`);
    for (const [k, v] of Object.entries(rest)) io.out(`${k}: ${v}`);
  }
  return 0;
}
