import type { NetworkKey } from "./en.js";

/** Messages of the institutions directory and the partnership map in Russian. */
export const networkRu: Record<NetworkKey, string> = {
  "gap.noInstitution": "Ни одно учреждение на карте не выполняет роль «{{actor}}»",
  "gap.noChannel": "Её учреждения распадаются на группы ({{count}}) без действующего канала между ними: {{groups}}",
  "seat.filled": "{{actor}}: учреждений на карте, способных занять это место: {{count}}",
  "seat.empty": "{{actor}}: это место пока не занимает ни одно учреждение карты; найдите его до начала занятия",
};
