/** The privileges of the duplication app, as Superdesk spells them (`apps/duplication`). */

/** Translate content. */
export const TRANSLATE_PRIVILEGE = "translate";

/**
 * Copy content to one's personal space: the web client shows "Duplicate to personal" only to
 * its holders; as in Superdesk, the copy route itself does not check it.
 */
export const SEND_TO_PERSONAL_PRIVILEGE = "send_to_personal";

/** How the module declares them (Superdesk's labels and descriptions). */
export const DUPLICATION_PRIVILEGES = [
  {
    name: TRANSLATE_PRIVILEGE,
    label: "Translate Content within a Desk",
    description: "Translate Content within a Desk",
  },
  {
    name: SEND_TO_PERSONAL_PRIVILEGE,
    label: "Send Content to Personal desk",
    description: "Send Content to Personal desk",
  },
] as const;
