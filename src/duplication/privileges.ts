/** The privilege translation checks, as Superdesk spells it (`apps/duplication`). */

/** Translate content. */
export const TRANSLATE_PRIVILEGE = "translate";

/** How the module declares it (Superdesk's label and description). */
export const DUPLICATION_PRIVILEGES = [
  {
    name: TRANSLATE_PRIVILEGE,
    label: "Translate Content within a Desk",
    description: "Translate Content within a Desk",
  },
] as const;
