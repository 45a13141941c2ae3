import type { participantEn } from "./participant.en.js";
import type { Table } from "./types.js";

/** النصوص العربية لصفحتي الهاتف وجهاز العرض في التمرين. */
export const participantAr: Table<typeof participantEn> = {
  conn: { connecting: "جارٍ الاتصال…", reconnecting: "انقطع الاتصال: جارٍ إعادة الاتصال…", refused: "لا يمكن لهذه الشاشة الانضمام إلى الجلسة: {{message}}" },
  status: { lobby: "بانتظار البدء", briefing: "الإحاطة", running: "جارٍ", paused: "متوقف مؤقتاً", ended: "انتهى" },
  timer: { label: "الوقت المتبقي", aria: "يتبقى {{minutes}} دقيقة و{{seconds}} ثانية", up: "انتهى الوقت" },
  feed: {
    title: "ما حدث حتى الآن", empty: "لم يُنشر شيء بعد.",
    kind: { situation: "الوضع", news: "خبر", intelligence: "معلومات استخبارية", request: "طلب", report: "تقرير", media: "وسائل الإعلام", call: "مكالمة" },
  },
  results: {
    units_zero: "لم تُحتسب أي إجابة.", units_one: "احتُسبت إجابة واحدة.", units_two: "احتُسبت إجابتان.", units_few: "احتُسبت {{count}} إجابات.",
    units_many: "احتُسبت {{count}} إجابة.", units_other: "احتُسبت {{count}} إجابة.",
    noWinner: "لم يفز خيار واحد.", chosen: "(المختار)",
    count_zero: "لا أصوات · {{pct}} %", count_one: "صوت واحد · {{pct}} %", count_two: "صوتان · {{pct}} %", count_few: "{{count}} أصوات · {{pct}} %",
    count_many: "{{count}} صوتاً · {{pct}} %", count_other: "{{count}} صوت · {{pct}} %",
    points_zero: "لا نقاط · {{pct}} %", points_one: "نقطة واحدة · {{pct}} %", points_two: "نقطتان · {{pct}} %", points_few: "{{count}} نقاط · {{pct}} %",
    points_many: "{{count}} نقطة · {{pct}} %", points_other: "{{count}} نقطة · {{pct}} %",
    alignment: { aligned: "متوافق مع الممارسات الجيدة", partial: "متوافق جزئياً", misaligned: "غير متوافق" },
  },
  play: {
    you: "أنت: {{name}}", youPlay: "{{name}} · {{role}}", youEvaluate: "{{name}} · مقيِّم",
    briefing: "إحاطتك: {{role}}", summary: "عن التمرين", decisions: "القرارات", resultsTitle: "النتائج",
    help: {
      lobby: "أهلاً بك. يبدأ التمرين قريباً: اقرأ إحاطتك في الأثناء.", lobbyEvaluator: "تُفتح الملاحظات عند بدء التمرين.",
      briefing: "يقدّم الميسّر الإحاطة.", paused: "التمرين متوقف مؤقتاً.", ended: "انتهى التمرين. شكراً لمشاركتك.",
    },
    scope: {
      individual: "يجيب كل شخص عن نفسه.", role: "تُحتسب إجابة واحدة لكل دور: الأحدث.",
      table: "تُحتسب إجابة واحدة لكل طاولة: الأحدث من طاولتك.", plenary: "تقرّر القاعة كلها معاً.",
    },
    decidingRoles: "الأدوار التي تقرّر: {{roles}}.", notYourDecision: "دورك لا يجيب عن هذا القرار: ناقشه مع من يجيبون عنه.",
    closed: "أُغلقت الإجابات. تأتي النتائج بعد قليل.", chooseOne: "اختر خياراً واحداً", chooseMany: "اختر خياراً واحداً أو أكثر",
    rank: { legend: "رتّب الخيارات، الأهم أولاً", up: "إلى الأعلى: {{option}}", down: "إلى الأسفل: {{option}}", moved: "أصبح {{option}} في المرتبة {{position}}." },
    textAnswer: "إجابتك", answerNeeded: "اختر إجابة أو اكتبها أولاً.", submit: "أرسل إجابتي", change: "أرسل إجابتي الجديدة",
    yourAnswer: "إجابتك المسجّلة:", sending: "جارٍ الإرسال…", recorded: "سُجّلت إجابتك.",
    err: {
      network: "لم تُرسل: انقطع الاتصال. ستُرسل من جديد عند عودته.", tooLong: "النص أطول من أن يُرسل. اختصره.",
      outOfTurn: "غير مقبول الآن: {{message}}", forbidden: "غير مسموح: {{message}}", badInput: "غير مقبول: {{message}}",
    },
    notJoinedTitle: "لم تنضم إلى هذا التمرين", notJoined: "ليس لهذا الجهاز مكان في هذه الجلسة. انضم بالرمز الذي يعطيك إياه الميسّر.",
    joinLink: "الانضمام إلى تمرين", joinAgain: "الانضمام من جديد",
  },
  hotwash: {
    title: "التقييم الفوري", lead: "بضعة أسئلة سريعة عن التمرين. أجب عمّا تشاء.", scale: "1 = ضعيف، 5 = ممتاز",
    anonymous: "أجب دون ذكر اسمي", submit: "أرسل رأيي", thanks: "شكراً: سُجّل رأيك.",
  },
  observe: {
    title: "تسجيل ملاحظة",
    count_zero: "لم تُسجّل أي ملاحظة في هذه الجلسة.", count_one: "سُجّلت ملاحظة واحدة في هذه الجلسة.", count_two: "سُجّلت ملاحظتان في هذه الجلسة.",
    count_few: "سُجّلت {{count}} ملاحظات في هذه الجلسة.", count_many: "سُجّلت {{count}} ملاحظة في هذه الجلسة.", count_other: "سُجّلت {{count}} ملاحظة في هذه الجلسة.",
    rating: "التقدير", ratingNeeded: "اختر تقديراً.",
    meaning: { P: "أُنجز دون صعوبات", S: "أُنجز مع بعض الصعوبات", M: "أُنجز مع صعوبات كبيرة", U: "تعذّر إنجازه" },
    target: "الممارسة أو الهدف", choose: "اختر…", objectives: "الأهداف", practices: "الممارسات", targetNeeded: "اختر ممارسة أو هدفاً.",
    note: "ملاحظة", submit: "سجّل الملاحظة", recorded: "سُجّلت الملاحظة.",
  },
  projector: {
    title: "جهاز العرض", noKey: "لا يتضمن هذا العنوان مفتاح جهاز العرض. افتح رابط جهاز العرض من لوحة الميسّر.",
    fullscreen: "ملء الشاشة", joinTitle: "انضم من هاتفك", codeAria: "رمز الانضمام {{code}}",
    joined_zero: "لم ينضم أي مشارك بعد", joined_one: "انضم مشارك واحد", joined_two: "انضم مشاركان", joined_few: "انضم {{count}} مشاركين",
    joined_many: "انضم {{count}} مشاركاً", joined_other: "انضم {{count}} مشارك",
    answered_zero: "لا إجابات بعد", answered_one: "إجابة واحدة حتى الآن", answered_two: "إجابتان حتى الآن", answered_few: "{{count}} إجابات حتى الآن", answered_many: "{{count}} إجابة حتى الآن", answered_other: "{{count}} إجابة حتى الآن",
    answering: "أجب الآن من هاتفك.", closed: "أُغلقت الإجابات.", results: "النتائج", now: "الآن", ended: "انتهى التمرين. شكراً لكم.",
  },
};
