/** The accounts test/e2e/seed.ts creates before the browser tests (a throw-away database). */
export const E2E_PASSWORD = "tidal-ember-quarry-42";
export const organisations = [["police", "National Police"], ["fiu", "Financial Intelligence Unit"], ["ombudsman", "Ombudsman"]] as const;
export const e2eUsers = {
  admin: { email: "admin@police.example", name: "Adam Admin", organisation: "police", roles: ["admin"] },
  analyst: { email: "analyst@police.example", name: "Amira Haddad", organisation: "police", roles: ["analyst", "coordinator"] },
  colleague: { email: "colleague@police.example", name: "Bruno Keller", organisation: "police", roles: ["analyst"] },
  fiu: { email: "analyst@fiu.example", name: "Chen Li", organisation: "fiu", roles: ["analyst"] },
  oversight: { email: "oversight@ombudsman.example", name: "Olga Ombud", organisation: "ombudsman", roles: ["oversight"] },
} as const;
