import type { joinEn } from "./join.en.js";
import type { Table } from "./types.js";

/** Textes français de la page pour rejoindre un exercice (/join). */
export const joinFr: Table<typeof joinEn> = {
  join: {
    title: "Rejoindre un exercice", lead: "Aucun compte nécessaire : saisissez le code affiché par l'animateur et un nom pour l'exercice.",
    continue: "Revenir à « {{title}} » en tant que {{name}}", code: "Code de participation", codeHint: "Six lettres et chiffres, affichés à l'écran. Évaluateurs : le code d'évaluateur, plus long.",
    pseudonym: "Votre nom dans cet exercice", pseudonymHint: "Un prénom ou un surnom ; les autres le voient. Pas votre nom complet.",
    language: "Langue", consentTitle: "Avant de rejoindre",
    consent1: "Vous participez sous ce nom uniquement.",
    consent2: "Vos réponses et commentaires servent à cet exercice et à son rapport.",
    consent3: "Nous ne demandons aucune donnée personnelle : ni nom complet, ni courriel, ni numéro de téléphone.",
    consent: "J'accepte de participer à ces conditions", consentNeeded: "Cochez la case pour donner votre accord avant de rejoindre.",
    roleFromLink: "Votre rôle : {{role}} (d'après votre lien)",
    placeTitle: "Votre rôle ou votre table", placeLead: "Bienvenue, {{name}}. Choisissez le rôle inscrit sur votre fiche de rôle, indiquez le nom de votre table, ou les deux.",
    role: "Votre rôle", roleHint: "Le rôle que l'animateur vous a attribué.", noRole: "Aucun rôle (je joue à une table)", rolesLoading: "Chargement des rôles…",
    table: "Table (facultatif)", tableHint: "Si vous jouez en groupe, son nom ou son numéro, par exemple Table 3.",
    placeNeeded: "Choisissez un rôle ou indiquez une table.", back: "Retour", next: "Continuer", submit: "Rejoindre l'exercice", joining: "Connexion à l'exercice…",
    network: "Le serveur est injoignable. Vérifiez votre connexion et réessayez.", tooMany: "Trop de tentatives depuis ce réseau. Attendez une minute et réessayez.",
  },
};
