import type { joinEn } from "./join.en.js";
import type { Table } from "./types.js";

/** Cadenas en español de la página para unirse a un ejercicio (/join). */
export const joinEs: Table<typeof joinEn> = {
  join: {
    title: "Unirse a un ejercicio", lead: "No hace falta cuenta: escriba el código que muestra el facilitador y un nombre para el ejercicio.",
    continue: "Volver a «{{title}}» como {{name}}", code: "Código de acceso", codeHint: "Seis letras y cifras que aparecen en la pantalla. Evaluadores: el código de evaluador, más largo.",
    pseudonym: "Su nombre en este ejercicio", pseudonymHint: "Un nombre de pila o un apodo; los demás lo ven. No su nombre completo.",
    language: "Idioma", consentTitle: "Antes de unirse",
    consent1: "Participa solo con este nombre.",
    consent2: "Sus respuestas y comentarios se usan para este ejercicio y su informe.",
    consent3: "No pedimos datos personales: ni nombre completo, ni correo electrónico, ni número de teléfono.",
    consent: "Acepto participar en estas condiciones", consentNeeded: "Marque la casilla para aceptar antes de unirse.",
    roleFromLink: "Su rol: {{role}} (según su enlace)",
    placeTitle: "Su rol o mesa", placeLead: "Bienvenido/a, {{name}}. Elija el rol de su ficha de rol, indique el nombre de su mesa, o ambas cosas.",
    role: "Su rol", roleHint: "El rol que le asignó el facilitador.", noRole: "Sin rol (juego en una mesa)", rolesLoading: "Cargando los roles…",
    table: "Mesa (opcional)", tableHint: "Si juega en grupo, su nombre o número, por ejemplo Mesa 3.",
    placeNeeded: "Elija un rol o indique una mesa.", back: "Atrás", next: "Continuar", submit: "Unirse al ejercicio", joining: "Uniéndose…",
    network: "No se puede acceder al servidor. Compruebe su conexión e inténtelo de nuevo.", tooMany: "Demasiados intentos desde esta red. Espere un minuto e inténtelo de nuevo.",
  },
};
