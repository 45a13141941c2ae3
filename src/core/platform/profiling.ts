/**
 * No fields that invite ethnic or religious profiling (the Addendum's safeguards). A body is
 * refused when any key, at any depth, contains one of these words as a part of its name:
 * `religion`, `person_religion`, `personReligion` and `{"person": {"religion": …}}` alike.
 * Free text stays free: only field names are checked.
 */
const forbidden = ["ethnic", "ethnicity", "ethnicities", "religion", "religions", "religious", "race", "races", "racial", "tribe", "tribes", "tribal", "caste", "castes", "sect", "sects", "sectarian", "confession", "denomination"];

const words = (key: string) => key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);

/** The path of the first field name that profiles, or null. */
export function profilingField(value: unknown, path = ""): string | null {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = profilingField(value[i], `${path}.${i}`);
      if (hit) return hit;
    }
    return null;
  }
  if (value === null || typeof value !== "object") return null;
  for (const [k, v] of Object.entries(value)) {
    const here = path ? `${path}.${k}` : k;
    if (words(k).some((w) => forbidden.includes(w))) return here;
    const hit = profilingField(v, here);
    if (hit) return hit;
  }
  return null;
}
