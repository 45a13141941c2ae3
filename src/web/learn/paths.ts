/**
 * The training participant's pages, served with the lean entry (learn.html) by the server and,
 * offline, by the service worker (src/server/app.ts and public/sw.js carry the same test; paths.test.ts
 * checks the three agree). The trainer's pages (/training/workspaces/…, /training/cohorts/…) stay in
 * the main app.
 */
export const participantPath = /^\/(learn(\/test\/[^/]+)?|training(\/verify\/[^/]+|\/(?!workspaces\/|cohorts\/)[^/]+(\/[^/]+)?)?)\/?$/;

export const isParticipantPath = (path: string) => participantPath.test(path);
