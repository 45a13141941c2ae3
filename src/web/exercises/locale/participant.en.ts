/** English strings of the phone and projector pages of an exercise (under "exercises" in i18next). Kept short: the phone page loads them. */
export const participantEn = {
  conn: { connecting: "Connecting…", reconnecting: "Connection lost: reconnecting…", refused: "This screen cannot join the session: {{message}}" },
  status: { lobby: "Waiting to start", briefing: "Briefing", running: "Running", paused: "Paused", ended: "Ended" },
  timer: { label: "Time left", aria: "{{minutes}} minutes {{seconds}} seconds left", up: "Time is up" },
  feed: {
    title: "What has happened", empty: "Nothing has been released yet.",
    kind: { situation: "Situation", news: "News", intelligence: "Intelligence", request: "Request", report: "Report", media: "Media", call: "Call" },
  },
  results: {
    units_one: "{{count}} answer counted.", units_other: "{{count}} answers counted.", noWinner: "No single option won.", chosen: "(chosen)",
    count_one: "{{count}} vote · {{pct}} %", count_other: "{{count}} votes · {{pct}} %",
    points_one: "{{count}} point · {{pct}} %", points_other: "{{count}} points · {{pct}} %",
    alignment: { aligned: "aligned with the good practices", partial: "partly aligned", misaligned: "not aligned" },
  },
  play: {
    you: "You: {{name}}", youPlay: "{{name}} · {{role}}", youEvaluate: "{{name}} · evaluator",
    briefing: "Your briefing: {{role}}", summary: "About the exercise", decisions: "Decisions", resultsTitle: "Results",
    help: {
      lobby: "Welcome. The exercise starts soon: read your briefing meanwhile.", lobbyEvaluator: "Observations open once the exercise starts.",
      briefing: "The facilitator is giving the briefing.", paused: "The exercise is paused.", ended: "The exercise has ended. Thank you for taking part.",
    },
    scope: {
      individual: "Everyone answers for themselves.", role: "One answer per role counts: the latest.",
      table: "One answer per table counts: the latest from your table.", plenary: "The whole room decides together.",
    },
    decidingRoles: "Deciding roles: {{roles}}.", notYourDecision: "Your role does not answer this one: talk it through with those who do.",
    closed: "Answers are closed. The results come next.", chooseOne: "Choose one option", chooseMany: "Choose one or more options",
    rank: { legend: "Put the options in order, most important first", up: "Move up: {{option}}", down: "Move down: {{option}}", moved: "{{option}} is now number {{position}}." },
    textAnswer: "Your answer", answerNeeded: "Choose or write an answer first.", submit: "Send my answer", change: "Send my new answer",
    yourAnswer: "Your recorded answer:", sending: "Sending…", recorded: "Your answer was recorded.",
    err: {
      network: "Not sent: the connection is lost. It is sent again when the connection is back.", tooLong: "This is too long to send. Shorten it.",
      outOfTurn: "Not accepted now: {{message}}", forbidden: "Not allowed: {{message}}", badInput: "Not accepted: {{message}}",
    },
    notJoinedTitle: "You have not joined this exercise", notJoined: "This device has no place in this session. Join with the code from your facilitator.",
    joinLink: "Join an exercise", joinAgain: "Join again",
  },
  hotwash: {
    title: "Hot wash", lead: "A few quick questions about the exercise. Answer what you wish.", scale: "1 = poor, 5 = excellent",
    anonymous: "Answer anonymously", submit: "Send my feedback", thanks: "Thank you: your feedback was recorded.",
  },
  observe: {
    title: "Record an observation", count_one: "{{count}} observation recorded in this session.", count_other: "{{count}} observations recorded in this session.",
    rating: "Rating", ratingNeeded: "Choose a rating.",
    meaning: { P: "performed without challenges", S: "performed with some challenges", M: "performed with major challenges", U: "unable to be performed" },
    target: "Practice or objective", choose: "Choose…", objectives: "Objectives", practices: "Practices", targetNeeded: "Choose a practice or an objective.",
    note: "Note", submit: "Record the observation", recorded: "Observation recorded.",
  },
  projector: {
    title: "Projector", noKey: "This address has no projector key. Open the projector link from the facilitator's console.",
    fullscreen: "Full screen", joinTitle: "Join on your phone", codeAria: "Join code {{code}}",
    joined_one: "{{count}} participant has joined", joined_other: "{{count}} participants have joined",
    answered_one: "{{count}} answer so far", answered_other: "{{count}} answers so far",
    answering: "Answer on your phone now.", closed: "Answers are closed.", results: "Results", now: "Now", ended: "The exercise has ended. Thank you.",
  },
};
