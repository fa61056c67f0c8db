/** The privilege of creating broadcasts (Superdesk's `archive_broadcast`). */

/** Create broadcasts of published stories. */
export const BROADCAST_PRIVILEGE = "archive_broadcast";

/** How it is declared (Superdesk's label and description). */
export const BROADCAST_PRIVILEGE_DEFINITION = {
  name: BROADCAST_PRIVILEGE,
  label: "Broadcast",
  description: "Allows user to create broadcast content.",
};
