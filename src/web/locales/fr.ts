import type { en } from "./en.js";

/** Chaînes de l'interface en français. */
export const fr: typeof en = {
  app: { name: "Nexus Toolkit" },
  nav: {
    skip: "Aller au contenu", main: "Menu principal", language: "Langue", practices: "Bonnes pratiques", manifestations: "Manifestations",
    contexts: "Contextes régionaux", watchpoints: "Points de vigilance", actors: "Acteurs", instruments: "Instruments",
    initiatives: "Exemples", research: "Recherche et prochaines étapes",
  },
  common: { loading: "Chargement…", error: "Impossible de charger cette page : {{message}}", source: "Source", opensNewTab: "(s'ouvre dans un nouvel onglet)" },
  search: {
    label: "Rechercher dans la boîte à outils", placeholder: "Pratiques, indicateurs, acteurs…", button: "Rechercher", results: "Suggestions",
    title: "Recherche", titleFor: "Résultats pour « {{q}} »", empty: "Saisissez un mot ou une expression dans le champ de recherche.",
    count_one: "{{count}} résultat", count_other: "{{count}} résultats",
  },
  kind: {
    practice: "Pratique", manifestation: "Manifestation", context: "Contexte", watchpoint: "Point de vigilance", indicator: "Indicateur",
    actor: "Acteur", instrument: "Instrument", initiative: "Exemple", theme: "Thème ICCT", "research-priority": "Recherche",
  },
  framework: {
    hague: "Bonnes pratiques de La Haye", addendum: "Addendum du GCTF", icct: "Recommandations de l'ICCT",
    short: { hague: "BP La Haye", addendum: "BP Addendum", icct: "Rec. ICCT" },
  },
  area: {
    "hague-a": "Considérations juridiques", "hague-b": "Recherche et partage d'informations", "hague-c": "Engagement local",
    "hague-d": "Renforcement des capacités et application de la loi", "addendum-i": "I. Prévention", "addendum-ii": "II. Détection",
    "addendum-iii": "III. Enquête", "addendum-iv": "IV. Poursuites", "addendum-v": "V. Peines, réhabilitation et réinsertion",
    icct: "Recommandations",
  },
  home: {
    title: "Le lien entre criminalité organisée et terrorisme : une boîte à outils opérationnelle",
    lead: "Toutes les bonnes pratiques du cadre de La Haye, de l'Addendum du GCTF et les recommandations de l'ICCT, avec leurs étapes, acteurs, instruments et exemples, reliées aux manifestations du lien et aux points de vigilance. Consultable, imprimable et lisible hors ligne.",
    understand: { title: "Comprendre", body: "Comment criminalité et terrorisme se rejoignent : six manifestations, des alliances ponctuelles aux trous noirs, et leurs différences entre États stables, en transition et en (post-)conflit." },
    respond: { title: "Répondre", body: "Trouvez les bonnes pratiques adaptées à votre situation, les étapes à suivre, les acteurs concernés et les instruments internationaux sur lesquels elles reposent." },
    monitor: { title: "Surveiller", body: "Servez-vous des points de vigilance environnementaux et organisationnels pour repérer un lien qui se forme ou évolue, et voyez quelles pratiques répondent à chaque indicateur." },
    frameworks: "Cadres",
    hagueBlurb: "25 pratiques en quatre domaines, de la législation à la sécurité des frontières.",
    addendumBlurb: "25 pratiques de justice pénale en cinq piliers, de la prévention à la réinsertion.",
    icctBlurb: "5 recommandations de l'atelier d'experts de Doha (2018).",
    counts: "{{practices}} pratiques, {{indicators}} indicateurs de vigilance, {{instruments}} instruments et {{initiatives}} initiatives d'exemple.",
    offline: "Après votre première visite, tout le référentiel reste disponible dans ce navigateur, même sans connexion.",
  },
  practices: {
    title: "Bonnes pratiques", lead: "Filtrez par cadre, domaine, acteur, instrument ou manifestation. Les filtres se combinent.",
    framework: "Cadre", allFrameworks: "Tous les cadres", filters: "Filtres", area: "Domaine ou pilier", actor: "Acteur",
    instrument: "Instrument", manifestation: "Manifestation", text: "Mots", any: "Tous", clear: "Effacer les filtres",
    none: "Aucune pratique ne correspond à ces filtres.", count_one: "{{count}} pratique", count_other: "{{count}} pratiques",
  },
  practice: {
    merged: "orientation commune", mergedNote: "La boîte à outils donne une seule orientation commune pour cette pratique et", print: "Imprimer",
    steps: "Actions clés et étapes", checklistHint: "Cochez les étapes déjà couvertes par votre organisation ({{done}} sur {{total}}). Les coches restent dans ce navigateur.",
    actors: "Acteurs clés", instruments: "Normes et documents internationaux", examples: "Exemples d'initiatives",
    related: "Pratiques liées", addresses: "Ce qu'elle traite", manifestations: "Manifestations", noneListed: "Rien d'indiqué dans la source.",
  },
  manifestations: {
    title: "Manifestations du lien", lead: "La boîte à outils décrit six façons dont criminalité et terrorisme se rejoignent, sur un axe allant du transactionnel (échanges entre groupes distincts) à l'organisationnel (groupes qui fusionnent ou changent de nature).",
    caption: "Du transactionnel (à gauche) à l'organisationnel (à droite) ; le trou noir est un environnement où les deux prospèrent.",
    characteristics: "Caractéristiques distinctives", cases: "Cas documentés", evidence: "Indicateurs de vigilance qui s'y rapportent",
    contexts: "Typique dans ces contextes", practices: "Pratiques qui y répondent",
  },
  family: { transactional: "Transactionnel", organizational: "Organisationnel", environment: "Environnement" },
  contexts: { title: "Contextes régionaux", lead: "Comment le lien se manifeste dans les États politiquement stables, en transition et en (post-)conflit.", typical: "Manifestations typiques", characteristics: "Caractéristiques" },
  watchpoints: {
    title: "Points de vigilance", lead: "Facteurs environnementaux et organisationnels qui signalent un lien en formation ou en évolution. Chaque indicateur montre pour ou contre quelles manifestations il plaide, et pourquoi.",
    group: { environmental: "Facteurs environnementaux", organizational: "Facteurs organisationnels" },
    indicator: "Indicateur", bearing: "Portée", reasoning: "Pourquoi", question: "Question à poser", presentWhen: "Considéré comme présent si",
    bearingOn: "Portée sur les manifestations", responses: "Pratiques qui y répondent",
  },
  bearing: { for: "pour", against: "contre" },
  strength: { weak: "faible", moderate: "modérée", strong: "forte" },
  actors: {
    title: "Acteurs", lead: "Une seule taxonomie des services et groupes sollicités par les pratiques. Ouvrez un acteur pour voir ce que les pratiques attendent de lui.",
    includes: "Comprend", expects: "Ce que les pratiques attendent de : {{actor}}", filter: "Filtrer la liste des pratiques par cet acteur",
    noneDirect: "Aucune pratique ne cite ce groupe directement ; voir les acteurs qu'il comprend.",
  },
  instruments: {
    title: "Instruments internationaux", lead: "Conventions, résolutions et normes citées par les pratiques, avec les pratiques qui citent chacune.",
    short: "Nom court", issuer: "Émis par", year: "Année", link: "Lien",
    citedBy_one: "Cité par {{count}} pratique", citedBy_other: "Cité par {{count}} pratiques",
  },
  instrumentKind: {
    convention: "Conventions", protocol: "Protocoles", "unsc-resolution": "Résolutions du Conseil de sécurité", "unga-resolution": "Résolutions de l'Assemblée générale",
    "gctf-document": "Documents du GCTF", "fatf-standard": "Normes du GAFI", "regional-instrument": "Instruments régionaux", report: "Rapports", guidance: "Guides et manuels",
  },
  initiatives: {
    title: "Initiatives d'exemple", lead: "Programmes et organisations cités en exemple par les sources, avec leurs pays d'intervention.",
    organisation: "Organisation", countries: "Pays", examplesOf: "Exemple pour ces pratiques",
    asCited: "(lien tel que cité dans la source ; non revérifié)", checked: "(lien vérifié le {{date}})",
  },
  scope: { global: "Mondial", regional: "Régional", national: "National", local: "Local" },
  research: {
    title: "Priorités de recherche et prochaines étapes", lead: "Les lacunes de connaissance relevées par les sources, les recherches qu'elles demandent et les prochaines étapes prévues.",
    kind: { "knowledge-gap": "Lacunes de connaissance", "research-priority": "Priorités de recherche", "next-step": "Prochaines étapes" },
    themes: "Thèmes de l'atelier ICCT de Doha", practices: "Pratiques liées",
  },
  offline: { banner: "Vous êtes hors ligne. Vous lisez la copie enregistrée dans ce navigateur.", searchNote: "recherche dans la copie hors ligne" },
  notFound: { title: "Page introuvable", body: "Il n'y a pas de page à cette adresse.", home: "Retour à l'accueil" },
  footer: {
    about: "Nexus Toolkit transforme la boîte à outils de l'UNICRI sur les Bonnes pratiques de La Haye, l'Addendum du GCTF et le rapport ICCT de Doha en logiciel. Les textes sont des résumés rédigés par nos soins ; chaque entrée cite sa source.",
    api: "API ouverte (JSON)",
  },
};
