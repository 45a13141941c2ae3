import type { participantEn } from "./participant.en.js";
import type { Table } from "./types.js";

/** Textes français des pages téléphone et projecteur d'un exercice. */
export const participantFr: Table<typeof participantEn> = {
  conn: { connecting: "Connexion…", reconnecting: "Connexion perdue : reconnexion…", refused: "Cet écran ne peut pas rejoindre la session : {{message}}" },
  status: { lobby: "En attente du début", briefing: "Briefing", running: "En cours", paused: "En pause", ended: "Terminé" },
  timer: { label: "Temps restant", aria: "{{minutes}} minutes {{seconds}} secondes restantes", up: "Le temps est écoulé" },
  feed: {
    title: "Ce qui s'est passé", empty: "Rien n'a encore été diffusé.",
    kind: { situation: "Situation", news: "Actualité", intelligence: "Renseignement", request: "Demande", report: "Rapport", media: "Médias", call: "Appel" },
  },
  results: {
    units_one: "{{count}} réponse comptée.", units_other: "{{count}} réponses comptées.", units_many: "{{count}} réponses comptées.", noWinner: "Aucune option ne l'emporte seule.", chosen: "(retenue)",
    count_one: "{{count}} voix · {{pct}} %", count_other: "{{count}} voix · {{pct}} %", count_many: "{{count}} voix · {{pct}} %",
    points_one: "{{count}} point · {{pct}} %", points_other: "{{count}} points · {{pct}} %", points_many: "{{count}} points · {{pct}} %",
    alignment: { aligned: "conforme aux bonnes pratiques", partial: "en partie conforme", misaligned: "non conforme" },
  },
  play: {
    you: "Vous : {{name}}", youPlay: "{{name}} · {{role}}", youEvaluate: "{{name}} · évaluateur",
    briefing: "Votre briefing : {{role}}", summary: "À propos de l'exercice", decisions: "Décisions", resultsTitle: "Résultats",
    help: {
      lobby: "Bienvenue. L'exercice commence bientôt : lisez votre briefing en attendant.", lobbyEvaluator: "Les observations s'ouvrent au début de l'exercice.",
      briefing: "L'animateur présente le briefing.", paused: "L'exercice est en pause.", ended: "L'exercice est terminé. Merci de votre participation.",
    },
    scope: {
      individual: "Chacun répond pour soi.", role: "Une réponse par rôle compte : la dernière.",
      table: "Une réponse par table compte : la dernière de votre table.", plenary: "Toute la salle décide ensemble.",
    },
    decidingRoles: "Rôles qui décident : {{roles}}.", notYourDecision: "Votre rôle ne répond pas à celle-ci : discutez-en avec ceux qui répondent.",
    closed: "Les réponses sont closes. Les résultats arrivent.", chooseOne: "Choisissez une option", chooseMany: "Choisissez une ou plusieurs options",
    rank: { legend: "Classez les options, la plus importante en premier", up: "Monter : {{option}}", down: "Descendre : {{option}}", moved: "{{option}} est maintenant en position {{position}}." },
    textAnswer: "Votre réponse", answerNeeded: "Choisissez ou écrivez d'abord une réponse.", submit: "Envoyer ma réponse", change: "Envoyer ma nouvelle réponse",
    yourAnswer: "Votre réponse enregistrée :", sending: "Envoi…", recorded: "Votre réponse a été enregistrée.",
    err: {
      network: "Non envoyé : la connexion est perdue. L'envoi reprend quand la connexion revient.", tooLong: "C'est trop long pour être envoyé. Raccourcissez.",
      outOfTurn: "Pas accepté pour l'instant : {{message}}", forbidden: "Non autorisé : {{message}}", badInput: "Non accepté : {{message}}",
    },
    notJoinedTitle: "Vous n'avez pas rejoint cet exercice", notJoined: "Cet appareil n'a pas de place dans cette session. Rejoignez-la avec le code de l'animateur.",
    joinLink: "Rejoindre un exercice", joinAgain: "Rejoindre à nouveau",
  },
  hotwash: {
    title: "Débriefing à chaud", lead: "Quelques questions rapides sur l'exercice. Répondez à celles que vous voulez.", scale: "1 = faible, 5 = excellent",
    anonymous: "Répondre de façon anonyme", submit: "Envoyer mon avis", thanks: "Merci : votre avis a été enregistré.",
  },
  observe: {
    title: "Noter une observation", count_one: "{{count}} observation enregistrée dans cette session.", count_other: "{{count}} observations enregistrées dans cette session.", count_many: "{{count}} observations enregistrées dans cette session.",
    rating: "Appréciation", ratingNeeded: "Choisissez une appréciation.",
    meaning: { P: "réalisé sans difficulté", S: "réalisé avec quelques difficultés", M: "réalisé avec des difficultés majeures", U: "n'a pas pu être réalisé" },
    target: "Pratique ou objectif", choose: "Choisir…", objectives: "Objectifs", practices: "Pratiques", targetNeeded: "Choisissez une pratique ou un objectif.",
    note: "Note", submit: "Enregistrer l'observation", recorded: "Observation enregistrée.",
  },
  projector: {
    title: "Projecteur", noKey: "Cette adresse n'a pas de clé de projecteur. Ouvrez le lien du projecteur depuis la console de l'animateur.",
    fullscreen: "Plein écran", joinTitle: "Rejoignez sur votre téléphone", codeAria: "Code de participation {{code}}",
    joined_one: "{{count}} participant a rejoint", joined_other: "{{count}} participants ont rejoint", joined_many: "{{count}} participants ont rejoint",
    answered_one: "{{count}} réponse pour l’instant", answered_many: "{{count}} réponses pour l’instant", answered_other: "{{count}} réponses pour l’instant",
    answering: "Répondez maintenant sur votre téléphone.", closed: "Les réponses sont closes.", results: "Résultats", now: "En ce moment", ended: "L'exercice est terminé. Merci.",
  },
};
