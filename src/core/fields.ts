/**
 * The fields that many endpoints and record bodies share, checked alike wherever they come in:
 * an id, a calendar date, a date or date-time, the TLP marking, named recipients, a name. Each
 * refusal is a generic zod issue or a validation message key (decision 0028), never a sentence,
 * so the server answers it in the reader's language (src/server/http/validation.ts).
 */
import { z } from "zod";
import type { ValidationKey } from "./i18n/validation/en.js";
import { markings } from "./platform/markings.js";

/**
 * A validation message key given to a schema as its error (`min(1, messageKey("empty"))`): the
 * server answers the refusal with the key, rendered in the reader's language.
 */
export const messageKey = (k: ValidationKey) => `validation.msg.${k}` as const;

/** The id of a record, a workspace or any other row, as a path or a body gives it. */
export const id = z.string().min(1).max(100);

/** A calendar date, YYYY-MM-DD, that exists: 2026-02-30 and 2025-02-29 are refused. */
export const calendarDate = z.iso.date();

/** An ISO 8601 date-time with its offset (2026-03-01T12:00:00Z), or a calendar date. */
export const dateTimeOrDate = z.union([z.iso.datetime({ offset: true }), calendarDate], { error: messageKey("format.dateOrDatetime") });

/** A TLP marking. */
export const marking = z.enum(markings);

/** The named recipients of a TLP:RED record: the ids of members. */
export const recipients = z.array(id).max(200);

/** A name or a title: trimmed, not empty, at most `max` characters. */
export const name = (max: number) => z.string().trim().min(1, messageKey("empty")).max(max);
