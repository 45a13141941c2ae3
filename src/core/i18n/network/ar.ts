import type { NetworkKey } from "./en.js";

/** Messages of the institutions directory and the partnership map in Arabic. */
export const networkAr: Record<NetworkKey, string> = {
  "gap.noInstitution": "لا توجد في الخريطة مؤسسة تؤدي دور «{{actor}}»",
  "gap.noChannel": "تنقسم مؤسساتها إلى مجموعات عددها {{count}} لا تربط بينها قناة فعالة: {{groups}}",
  "seat.filled": "{{actor}}: عدد المؤسسات في الخريطة التي يمكنها شغل هذا المقعد: {{count}}",
  "seat.empty": "{{actor}}: لا تشغل أي مؤسسة في الخريطة هذا المقعد بعد؛ ابحث عن واحدة قبل الجلسة",
};
