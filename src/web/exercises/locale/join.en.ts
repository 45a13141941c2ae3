/** English strings of the join page (/join), the first page a phone opens: kept apart so that it loads only these. */
export const joinEn = {
  join: {
    title: "Join an exercise", lead: "No account needed: enter the code your facilitator shows and a name for the exercise.",
    continue: "Return to “{{title}}” as {{name}}", code: "Join code", codeHint: "Six letters and digits, shown on the screen. Evaluators: the longer evaluator code.",
    pseudonym: "Your name in this exercise", pseudonymHint: "A first name or nickname; the others see it. Not your full name.",
    language: "Language", consentTitle: "Before you join",
    consent1: "You take part under this name only.",
    consent2: "Your answers and comments are used for this exercise and its report.",
    consent3: "We ask for no personal data: no full name, email or phone number.",
    consent: "I agree to take part on these terms", consentNeeded: "Tick the box to agree before joining.",
    roleFromLink: "Your role: {{role}} (from your link)",
    placeTitle: "Your role or table", placeLead: "Welcome, {{name}}. Pick the role on your role card, give the name of your table, or both.",
    role: "Your role", roleHint: "The role your facilitator gave you.", noRole: "No role (I play at a table)", rolesLoading: "Loading the roles…",
    table: "Table (optional)", tableHint: "If you play in a group, its name or number, for example Table 3.",
    placeNeeded: "Pick a role or give a table.", back: "Back", next: "Continue", submit: "Join the exercise", joining: "Joining…",
    network: "The server cannot be reached. Check your connection and try again.", tooMany: "Too many attempts from this network. Wait a minute and try again.",
  },
};
