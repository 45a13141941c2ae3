import type { networkEn } from "./en.js";
import type { Table } from "../../exercises/locale/types.js";

/** Textes français du répertoire des institutions et de la carte des partenariats. */
export const networkFr: Table<typeof networkEn> = {
  title: "Institutions et partenariats",
  titleFor: "Institutions et partenariats — {{name}}",
  lead: "Les organismes, tribunaux, CRF, services pénitentiaires, ONG, entreprises et organismes régionaux avec lesquels travaille cet espace de travail, les canaux qui les relient et les lacunes : qui manque pour une pratique, qui n'a aucun canal avec qui, et qui devrait être autour de la table.",
  open: "Institutions et partenariats",
  tabs: { label: "Vues", directory: "Répertoire", map: "Carte du réseau", gaps: "Lacunes", table: "Qui devrait être autour de la table" },
  withheld: "Entrées que vous ne pouvez lire qu'en indiquant un motif : {{count}}. Ouvrez-les depuis les fiches de l'espace de travail en indiquant un motif.",
  readOnly: "Vous pouvez consulter le répertoire ; pour ajouter des entrées, il faut l'autorisation de modifier les fiches.",
  kind: {
    ministry: "Ministère ou organe gouvernemental", police: "Police ou service de détection et de répression", prosecution: "Ministère public", court: "Juridiction",
    fiu: "Cellule de renseignement financier", "customs-border": "Service des douanes ou des frontières", "prison-probation": "Administration pénitentiaire ou service de probation",
    intelligence: "Service de renseignement", regulator: "Autorité de réglementation ou de surveillance", oversight: "Organe de contrôle ou de lutte contre la corruption",
    "local-authority": "Autorité locale", ngo: "ONG ou organisation communautaire", academia: "Université ou centre de recherche",
    "private-company": "Entreprise privée", "regional-body": "Organisme régional", "international-body": "Organisation internationale", other: "Autre",
  },
  pkind: {
    mou: "Protocole d'accord", "joint-task-force": "Équipe spéciale conjointe", "liaison-officer": "Officier de liaison",
    "secure-channel": "Canal sécurisé", "fusion-centre": "Participation à un centre de fusion", network: "Réseau régional ou international",
  },
  network: { interpol: "INTERPOL", europol: "Europol", afripol: "AFRIPOL", ameripol: "AMERIPOL", aseanapol: "ASEANAPOL", egmont: "Groupe Egmont", gctf: "GCTF", other: "Autre réseau" },
  status: { planned: "Prévu", active: "Actif", suspended: "Suspendu", ended: "Terminé" },
  inst: {
    list: "Institutions", none: "Aucune institution pour l'instant. Ajoutez les organismes avec lesquels vous travaillez, ou importez-les depuis un fichier CSV.",
    name: "Nom", nameHint: "Le nom officiel de l'institution, tel que ses partenaires le connaissent.",
    kind: "Type", country: "Pays", noCountry: "Aucun (organisme régional ou international)", mandate: "Mandat", mandateHint: "Ce dont elle est chargée, en une ou deux phrases.",
    actors: "Rôles joués", actorsHint: "Les acteurs de la taxonomie de la boîte à outils que représente cette institution. Les vues des lacunes les rapprochent des acteurs clés des pratiques.",
    mailbox: "Boîte aux lettres fonctionnelle", mailboxHint: "Une adresse partagée comme liaison@… ou desk@…, jamais l'adresse personnelle de quelqu'un : le répertoire ne contient aucune donnée personnelle.",
    parent: "Fait partie de", noParent: "Ne fait partie d'aucune autre institution",
    add: "Ajouter l'institution", added: "Institution ajoutée.", migrated: "Créée lors de la mise à niveau à partir de {{what}} ; vérifiez son type et ses rôles.",
    fromUnit: "l'unité d'une auto-évaluation", fromSource: "une source de Nexus Watch", edit: "Modifier", editing: "Modifier {{name}}", save: "Enregistrer les modifications", saved: "Enregistré.", cancel: "Annuler",
  },
  part: {
    list: "Partenariats et canaux", none: "Aucun partenariat pour l'instant.",
    kind: "Type", members: "Institutions qu'il relie", membersHint: "Deux ou plus ; une seule suffit pour l'appartenance à un réseau ou à un centre de fusion.",
    network: "Réseau", networkName: "Nom du réseau ou du centre", status: "Statut", start: "Depuis", end: "Jusqu'au",
    practices: "Pratiques qu'il sert", practicesHint: "Les bonnes pratiques que ce canal aide à mettre en œuvre.", notes: "Notes",
    add: "Ajouter le partenariat", added: "Partenariat ajouté.", live: "Opérationnel", notLive: "Non opérationnel", what: "Partenariat", dates: "Dates",
  },
  csv: {
    title: "Import et export CSV", exportInstitutions: "Télécharger les institutions (CSV)", exportPartnerships: "Télécharger les partenariats (CSV)",
    what: "Contenu du fichier", file: "Fichier CSV", fileHint: "Les colonnes de l'export. Les éléments des listes sont séparés par \";\". Les membres et les institutions de rattachement peuvent être indiqués par leur nom exact.",
    import: "Importer", imported: "Importés : {{count}}.", refused: "Rien n'a été importé. Rangées refusées : {{count}}.",
    row: "Rangée {{row}} (ligne {{line}}), {{field}} : {{message}}",
  },
  map: {
    filters: "Filtrer la carte", practice: "Pratique", actor: "Rôle joué", country: "Pays", any: "Tous", apply: "Afficher",
    label: "Réseau de {{nodes}} institutions et réseaux, {{edges}} liens", empty: "Rien à représenter pour ces filtres.",
    legend: "Traits pleins : canaux opérationnels. Traits pointillés : canaux prévus, suspendus ou terminés. Carrés : réseaux et centres de fusion.",
    print: "Imprimer la carte", links: "Les liens, sous forme de liste", from: "De", to: "À", loading: "Tracé de la carte…",
  },
  gaps: {
    lead: "Les pratiques dont aucune institution de la carte ne joue les acteurs clés, et celles dont les institutions forment des groupes sans aucun canal opérationnel entre eux.",
    none: "Aucune lacune pour ces filtres.", practice: "Pratique", gap: "Lacune",
  },
  table: {
    lead: "Les sièges dont un exercice ou une formation a besoin, d'après les rôles d'un scénario, les acteurs clés de pratiques ou le public d'une formation, avec les institutions de la carte qui peuvent occuper chacun d'eux.",
    scenario: "Scénario d'exercice", noScenario: "Aucun scénario", practices: "Pratiques", actors: "Public", country: "Pays",
    show: "Afficher les sièges", seat: "Siège", institutions: "Institutions de la carte", empty: "Aucune pour l'instant",
  },
};
