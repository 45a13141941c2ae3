import type { networkEn } from "./en.js";
import type { Table } from "../../exercises/locale/types.js";

/** Textos en español del directorio de instituciones y del mapa de asociaciones. */
export const networkEs: Table<typeof networkEn> = {
  title: "Instituciones y asociaciones",
  titleFor: "Instituciones y asociaciones — {{name}}",
  lead: "Los organismos, tribunales, UIF, servicios penitenciarios, ONG, empresas y organismos regionales con los que trabaja este espacio de trabajo, los canales entre ellos y las carencias: quién falta para una práctica, quién no tiene canal con quién y quién debería estar sentado a la mesa.",
  open: "Instituciones y asociaciones",
  tabs: { label: "Vistas", directory: "Directorio", map: "Mapa de la red", gaps: "Carencias", table: "Quién debería estar sentado a la mesa" },
  withheld: "Entradas que solo puede leer indicando un motivo: {{count}}. Ábralas desde los registros del espacio de trabajo indicando un motivo.",
  readOnly: "Puede consultar el directorio; para añadir entradas se necesita el permiso para modificar registros.",
  kind: {
    ministry: "Ministerio u órgano gubernamental", police: "Policía u organismo encargado de hacer cumplir la ley", prosecution: "Ministerio Público", court: "Tribunal",
    fiu: "Unidad de inteligencia financiera", "customs-border": "Aduanas u organismo de control fronterizo", "prison-probation": "Servicio penitenciario o de libertad vigilada",
    intelligence: "Servicio de inteligencia", regulator: "Organismo regulador o supervisor", oversight: "Órgano de control o de lucha contra la corrupción",
    "local-authority": "Autoridad local", ngo: "ONG u organización comunitaria", academia: "Universidad o centro de investigación",
    "private-company": "Empresa privada", "regional-body": "Organismo regional", "international-body": "Organización internacional", other: "Otro",
  },
  pkind: {
    mou: "Memorando de entendimiento", "joint-task-force": "Equipo de tareas conjunto", "liaison-officer": "Oficial de enlace",
    "secure-channel": "Canal seguro", "fusion-centre": "Participación en un centro de fusión", network: "Red regional o internacional",
  },
  network: { interpol: "INTERPOL", europol: "Europol", afripol: "AFRIPOL", ameripol: "AMERIPOL", aseanapol: "ASEANAPOL", egmont: "Grupo Egmont", gctf: "GCTF", other: "Otra red" },
  status: { planned: "Prevista", active: "Activa", suspended: "Suspendida", ended: "Finalizada" },
  inst: {
    list: "Instituciones", none: "Aún no hay instituciones. Añada los organismos con los que trabaja o impórtelos desde un archivo CSV.",
    name: "Nombre", nameHint: "El nombre oficial de la institución, tal como la conocen sus asociados.",
    kind: "Tipo", country: "País", noCountry: "Ninguno (organismo regional o internacional)", mandate: "Mandato", mandateHint: "Aquello de lo que se encarga, en una o dos frases.",
    actors: "Funciones que desempeña", actorsHint: "Los actores de la taxonomía del conjunto de herramientas que representa esta institución. Las vistas de carencias los cotejan con los actores clave de las prácticas.",
    mailbox: "Buzón institucional", mailboxHint: "Una dirección compartida como liaison@… o desk@…, nunca la dirección personal de alguien: el directorio no contiene datos personales.",
    parent: "Forma parte de", noParent: "No forma parte de otra institución",
    add: "Añadir la institución", added: "Institución añadida.", migrated: "Creada por la actualización a partir de {{what}}; compruebe su tipo y sus funciones.",
    fromUnit: "la unidad de una autoevaluación", fromSource: "una fuente de Nexus Watch", edit: "Editar", editing: "Modificar {{name}}", save: "Guardar los cambios", saved: "Guardado.", cancel: "Cancelar",
  },
  part: {
    list: "Asociaciones y canales", none: "Aún no hay asociaciones.",
    kind: "Tipo", members: "Instituciones que une", membersHint: "Dos o más; basta con una para la pertenencia a una red o a un centro de fusión.",
    network: "Red", networkName: "Nombre de la red o del centro", status: "Estado", start: "Desde", end: "Hasta",
    practices: "Prácticas a las que sirve", practicesHint: "Las buenas prácticas que este canal ayuda a llevar a cabo.", notes: "Notas",
    add: "Añadir la asociación", added: "Asociación añadida.", live: "Operativa", notLive: "No operativa", what: "Asociación", dates: "Fechas",
  },
  csv: {
    title: "Importación y exportación CSV", exportInstitutions: "Descargar las instituciones (CSV)", exportPartnerships: "Descargar las asociaciones (CSV)",
    what: "Contenido del archivo", file: "Archivo CSV", fileHint: "Las columnas de la exportación. Los elementos de las listas se separan con \";\". Los miembros y las instituciones de las que dependen pueden indicarse por su nombre exacto.",
    import: "Importar", imported: "Importados: {{count}}.", refused: "No se importó nada. Filas rechazadas: {{count}}.",
    row: "Fila {{row}} (línea {{line}}), {{field}}: {{message}}",
  },
  map: {
    filters: "Filtrar el mapa", practice: "Práctica", actor: "Función desempeñada", country: "País", any: "Cualquiera", apply: "Mostrar",
    label: "Red de {{nodes}} instituciones y redes, {{edges}} vínculos", empty: "No hay nada que dibujar con estos filtros.",
    legend: "Líneas continuas: canales operativos. Líneas discontinuas: canales previstos, suspendidos o finalizados. Cuadrados: redes y centros de fusión.",
    print: "Imprimir el mapa", links: "Los vínculos, en forma de lista", from: "De", to: "A", loading: "Dibujando el mapa…",
  },
  gaps: {
    lead: "Prácticas cuyos actores clave no representa ninguna institución del mapa, y prácticas cuyas instituciones forman grupos sin ningún canal operativo entre ellos.",
    none: "No hay carencias con estos filtros.", practice: "Práctica", gap: "Carencia",
  },
  table: {
    lead: "Los puestos que necesita un ejercicio o una formación, a partir de los papeles de un escenario, los actores clave de las prácticas o el público de una formación, con las instituciones del mapa que pueden ocupar cada puesto.",
    scenario: "Escenario del ejercicio", noScenario: "Ningún escenario", practices: "Prácticas", actors: "Público", country: "País",
    show: "Mostrar los puestos", seat: "Puesto", institutions: "Instituciones del mapa", empty: "Ninguna por ahora",
  },
};
