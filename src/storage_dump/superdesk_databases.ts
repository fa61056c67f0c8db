/**
 * Superdesk's databases and ours: Superdesk keeps its collections in four MongoDB databases
 * (`MONGO_DBNAME`, `ARCHIVED_DBNAME`, `LEGAL_ARCHIVE_DBNAME`, `CONTENTAPI_MONGO_DBNAME`), we keep
 * them all in `MONGO_DBNAME` (the names do not clash). A restore reads every database directory
 * of a dump into our one store; a dump writes each collection under the database Superdesk
 * keeps it in, with Superdesk's default names for the three others.
 */

/** Superdesk's default database of the archived items (`ARCHIVED_DBNAME`). */
const ARCHIVED_DB = "archived";
/** Superdesk's default database of the legal archive (`LEGAL_ARCHIVE_DBNAME`). */
const LEGAL_ARCHIVE_DB = "legal_archive";
/** Superdesk's default database of the content API (`CONTENTAPI_MONGO_DBNAME`). */
const CONTENT_API_DB = "contentapi";

const DATABASE_OF: Readonly<Record<string, string>> = {
  archived: ARCHIVED_DB,
  legal_archive: LEGAL_ARCHIVE_DB,
  legal_archive_versions: LEGAL_ARCHIVE_DB,
  legal_archive_history: LEGAL_ARCHIVE_DB,
  items: CONTENT_API_DB,
  items_versions: CONTENT_API_DB,
  api_audit: CONTENT_API_DB,
};

/** The Superdesk database `collection` belongs in, `mainDb` (`MONGO_DBNAME`) for most. */
export function superdeskDatabase(collection: string, mainDb: string): string {
  return Object.hasOwn(DATABASE_OF, collection) ? DATABASE_OF[collection]! : mainDb;
}
