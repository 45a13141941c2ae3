import type { participantEn } from "./participant.en.js";
import type { Table } from "./types.js";

/** Cadenas en español de las páginas del teléfono y del proyector de un ejercicio. */
export const participantEs: Table<typeof participantEn> = {
  conn: { connecting: "Conectando…", reconnecting: "Conexión perdida: reconectando…", refused: "Esta pantalla no puede unirse a la sesión: {{message}}" },
  status: { lobby: "En espera de inicio", briefing: "Sesión informativa", running: "En curso", paused: "En pausa", ended: "Terminado" },
  timer: { label: "Tiempo restante", aria: "Quedan {{minutes}} minutos y {{seconds}} segundos", up: "Se acabó el tiempo" },
  feed: {
    title: "Lo que ha pasado", empty: "Aún no se ha difundido nada.",
    kind: { situation: "Situación", news: "Noticia", intelligence: "Inteligencia", request: "Solicitud", report: "Informe", media: "Medios", call: "Llamada" },
  },
  results: {
    units_one: "{{count}} respuesta contada.", units_many: "{{count}} respuestas contadas.", units_other: "{{count}} respuestas contadas.",
    noWinner: "Ninguna opción se impuso.", chosen: "(elegida)",
    count_one: "{{count}} voto · {{pct}} %", count_many: "{{count}} votos · {{pct}} %", count_other: "{{count}} votos · {{pct}} %",
    points_one: "{{count}} punto · {{pct}} %", points_many: "{{count}} puntos · {{pct}} %", points_other: "{{count}} puntos · {{pct}} %",
    alignment: { aligned: "alineada con las buenas prácticas", partial: "parcialmente alineada", misaligned: "no alineada" },
  },
  play: {
    you: "Usted: {{name}}", youPlay: "{{name}} · {{role}}", youEvaluate: "{{name}} · evaluador",
    briefing: "Su sesión informativa: {{role}}", summary: "Sobre el ejercicio", decisions: "Decisiones", resultsTitle: "Resultados",
    help: {
      lobby: "Bienvenido/a. El ejercicio empieza pronto: mientras tanto, lea su sesión informativa.", lobbyEvaluator: "Las observaciones se abren cuando empiece el ejercicio.",
      briefing: "El facilitador está dando la sesión informativa.", paused: "El ejercicio está en pausa.", ended: "El ejercicio ha terminado. Gracias por participar.",
    },
    scope: {
      individual: "Cada persona responde por sí misma.", role: "Cuenta una respuesta por rol: la última.",
      table: "Cuenta una respuesta por mesa: la última de su mesa.", plenary: "Toda la sala decide en conjunto.",
    },
    decidingRoles: "Roles que deciden: {{roles}}.", notYourDecision: "Su rol no responde a esta: coméntela con quienes sí lo hacen.",
    closed: "Las respuestas están cerradas. A continuación, los resultados.", chooseOne: "Elija una opción", chooseMany: "Elija una o varias opciones",
    rank: { legend: "Ordene las opciones, la más importante primero", up: "Subir: {{option}}", down: "Bajar: {{option}}", moved: "{{option}} ocupa ahora el puesto {{position}}." },
    textAnswer: "Su respuesta", answerNeeded: "Elija o escriba antes una respuesta.", submit: "Enviar mi respuesta", change: "Enviar mi nueva respuesta",
    yourAnswer: "Su respuesta registrada:", sending: "Enviando…", recorded: "Su respuesta se ha registrado.",
    err: {
      network: "No enviado: se ha perdido la conexión. Se enviará de nuevo cuando vuelva la conexión.", tooLong: "Es demasiado largo para enviarlo. Acórtelo.",
      outOfTurn: "No se acepta ahora: {{message}}", forbidden: "No permitido: {{message}}", badInput: "No aceptado: {{message}}",
    },
    notJoinedTitle: "No se ha unido a este ejercicio", notJoined: "Este dispositivo no tiene plaza en esta sesión. Únase con el código que le dé el facilitador.",
    joinLink: "Unirse a un ejercicio", joinAgain: "Volver a unirse",
  },
  hotwash: {
    title: "Evaluación en caliente", lead: "Unas preguntas rápidas sobre el ejercicio. Responda a las que quiera.", scale: "1 = deficiente, 5 = excelente",
    anonymous: "Responder de forma anónima", submit: "Enviar mi opinión", thanks: "Gracias: su opinión se ha registrado.",
  },
  observe: {
    title: "Registrar una observación",
    count_one: "{{count}} observación registrada en esta sesión.", count_many: "{{count}} observaciones registradas en esta sesión.", count_other: "{{count}} observaciones registradas en esta sesión.",
    rating: "Calificación", ratingNeeded: "Elija una calificación.",
    meaning: { P: "realizado sin dificultades", S: "realizado con algunas dificultades", M: "realizado con grandes dificultades", U: "no se pudo realizar" },
    target: "Práctica u objetivo", choose: "Elegir…", objectives: "Objetivos", practices: "Prácticas", targetNeeded: "Elija una práctica o un objetivo.",
    note: "Nota", submit: "Registrar la observación", recorded: "Observación registrada.",
  },
  projector: {
    title: "Proyector", noKey: "Esta dirección no tiene clave de proyector. Abra el enlace del proyector desde la consola del facilitador.",
    fullscreen: "Pantalla completa", joinTitle: "Únase desde su teléfono", codeAria: "Código de acceso {{code}}",
    joined_one: "{{count}} participante se ha unido", joined_many: "{{count}} participantes se han unido", joined_other: "{{count}} participantes se han unido",
    answered_one: "{{count}} respuesta por ahora", answered_many: "{{count}} respuestas por ahora", answered_other: "{{count}} respuestas por ahora",
    answering: "Responda ahora desde su teléfono.", closed: "Las respuestas están cerradas.", results: "Resultados", now: "Ahora", ended: "El ejercicio ha terminado. Gracias.",
  },
};
