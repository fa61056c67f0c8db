/** The one privilege of the rundowns app (Superdesk's `rundowns`): writing shows, templates, rundowns and their items. */
export const RUNDOWNS_PRIVILEGE = "rundowns";
