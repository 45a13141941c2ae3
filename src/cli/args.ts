/** A tiny flag parser: known boolean flags and flags with one value; anything else is misuse. */
export function parseArgs(
  args: string[],
  spec: { flags?: string[]; values?: string[] },
): { ok: true; flags: Set<string>; values: Map<string, string> } | { ok: false; error: string } {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (spec.flags?.includes(a)) flags.add(a);
    else if (spec.values?.includes(a)) {
      const v = args[++i];
      if (v === undefined || v.startsWith("--")) return { ok: false, error: `option ${a} needs a value` };
      values.set(a, v);
    } else return { ok: false, error: `unknown option "${a}"` };
  }
  return { ok: true, flags, values };
}
