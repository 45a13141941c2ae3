/**
 * The eight audiences of the regional trainings (issue 16) and the actors of the knowledge base
 * each one stands for: a practice belongs to an audience's path when its actors include one of them.
 */
import { audienceIds, type Audience } from "../knowledge/schema.js";

export { audienceIds, type Audience };

export const audienceActors: Readonly<Record<Audience, readonly string[]>> = {
  prosecutors: ["prosecutors"],
  judges: ["judges"],
  police: ["police", "law-enforcement", "financial-investigators", "cyber-units"],
  fiu: ["fiu", "financial-investigators"],
  "prison-probation": ["prison-administration", "probation-services"],
  "border-customs": ["border-authorities", "customs"],
  "policy-makers": ["policy-makers", "ministries", "national-coordination-bodies", "parliamentarians"],
  "civil-society": ["civil-society", "ngos", "community-leaders", "academia", "media"],
};

export const isAudience = (x: string): x is Audience => (audienceIds as readonly string[]).includes(x);
