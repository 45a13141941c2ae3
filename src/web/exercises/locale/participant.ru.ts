import type { participantEn } from "./participant.en.js";
import type { Table } from "./types.js";

/** Русские строки страниц телефона и проектора (ключ «exercises» в i18next). Кратко: их загружает телефон. */
export const participantRu: Table<typeof participantEn> = {
  conn: { connecting: "Подключение…", reconnecting: "Связь потеряна: переподключение…", refused: "Этот экран не может подключиться к сессии: {{message}}" },
  status: { lobby: "Ожидание начала", briefing: "Инструктаж", running: "Идёт", paused: "Пауза", ended: "Завершено" },
  timer: { label: "Осталось", aria: "Осталось {{minutes}} мин {{seconds}} с", up: "Время вышло" },
  feed: {
    title: "Что произошло", empty: "Пока ничего не выдано.",
    kind: { situation: "Обстановка", news: "Новость", intelligence: "Разведданные", request: "Запрос", report: "Донесение", media: "СМИ", call: "Звонок" },
  },
  results: {
    units_one: "Учтён {{count}} ответ.", units_few: "Учтено {{count}} ответа.", units_many: "Учтено {{count}} ответов.", units_other: "Учтено {{count}} ответа.",
    noWinner: "Ни один вариант не победил.", chosen: "(выбран)",
    count_one: "{{count}} голос · {{pct}} %", count_few: "{{count}} голоса · {{pct}} %", count_many: "{{count}} голосов · {{pct}} %", count_other: "{{count}} голоса · {{pct}} %",
    points_one: "{{count}} балл · {{pct}} %", points_few: "{{count}} балла · {{pct}} %", points_many: "{{count}} баллов · {{pct}} %", points_other: "{{count}} балла · {{pct}} %",
    alignment: { aligned: "соответствует надлежащим практикам", partial: "соответствует частично", misaligned: "не соответствует" },
  },
  play: {
    you: "Вы: {{name}}", youPlay: "{{name}} · {{role}}", youEvaluate: "{{name}} · оценщик",
    briefing: "Ваш инструктаж: {{role}}", summary: "Об учении", decisions: "Решения", resultsTitle: "Результаты",
    help: {
      lobby: "Добро пожаловать. Учение скоро начнётся: пока прочитайте свой инструктаж.", lobbyEvaluator: "Наблюдения откроются, когда начнётся учение.",
      briefing: "Ведущий проводит инструктаж.", paused: "Учение приостановлено.", ended: "Учение завершено. Спасибо за участие.",
    },
    scope: {
      individual: "Каждый отвечает за себя.", role: "Учитывается один ответ от роли — последний.",
      table: "Учитывается один ответ от стола — последний от вашего стола.", plenary: "Весь зал решает вместе.",
    },
    decidingRoles: "Решающие роли: {{roles}}.", notYourDecision: "Ваша роль на это решение не отвечает: обсудите его с теми, кто отвечает.",
    closed: "Приём ответов закрыт. Далее — результаты.", chooseOne: "Выберите один вариант", chooseMany: "Выберите один или несколько вариантов",
    rank: { legend: "Расставьте варианты по порядку, самый важный — первым", up: "Выше: {{option}}", down: "Ниже: {{option}}", moved: "«{{option}}» теперь на месте {{position}}." },
    textAnswer: "Ваш ответ", answerNeeded: "Сначала выберите или напишите ответ.", submit: "Отправить ответ", change: "Отправить новый ответ",
    yourAnswer: "Ваш записанный ответ:", sending: "Отправка…", recorded: "Ваш ответ записан.",
    err: {
      network: "Не отправлено: связь потеряна. Ответ будет отправлен, когда связь восстановится.", tooLong: "Слишком длинный текст для отправки. Сократите его.",
      outOfTurn: "Сейчас не принимается: {{message}}", forbidden: "Не разрешено: {{message}}", badInput: "Не принято: {{message}}",
    },
    notJoinedTitle: "Вы не подключены к этому учению", notJoined: "У этого устройства нет места в этой сессии. Подключитесь по коду от ведущего.",
    joinLink: "Подключиться к учению", joinAgain: "Подключиться снова",
  },
  hotwash: {
    title: "Оперативный разбор", lead: "Несколько коротких вопросов об учении. Отвечайте на те, на которые хотите.", scale: "1 — плохо, 5 — отлично",
    anonymous: "Ответить анонимно", submit: "Отправить отзыв", thanks: "Спасибо: ваш отзыв записан.",
  },
  observe: {
    title: "Записать наблюдение",
    count_one: "В этой сессии записано {{count}} наблюдение.", count_few: "В этой сессии записано {{count}} наблюдения.", count_many: "В этой сессии записано {{count}} наблюдений.", count_other: "В этой сессии записано {{count}} наблюдения.",
    rating: "Оценка", ratingNeeded: "Выберите оценку.",
    meaning: { P: "выполнено без затруднений", S: "выполнено с некоторыми затруднениями", M: "выполнено с серьёзными затруднениями", U: "выполнить не удалось" },
    target: "Практика или цель", choose: "Выберите…", objectives: "Цели", practices: "Практики", targetNeeded: "Выберите практику или цель.",
    note: "Заметка", submit: "Записать наблюдение", recorded: "Наблюдение записано.",
  },
  projector: {
    title: "Проектор", noKey: "В этом адресе нет ключа проектора. Откройте ссылку на проектор с пульта ведущего.",
    fullscreen: "Во весь экран", joinTitle: "Подключитесь с телефона", codeAria: "Код подключения {{code}}",
    joined_one: "Подключился {{count}} участник", joined_few: "Подключились {{count}} участника", joined_many: "Подключились {{count}} участников", joined_other: "Подключились {{count}} участника",
    answered_one: "Пока {{count}} ответ", answered_few: "Пока {{count}} ответа", answered_many: "Пока {{count}} ответов", answered_other: "Пока {{count}} ответа",
    answering: "Отвечайте на телефоне сейчас.", closed: "Приём ответов закрыт.", results: "Результаты", now: "Сейчас", ended: "Учение завершено. Спасибо.",
  },
};
