/**
 * `users` while sign-in goes to the LDAP directory (Superdesk's `ADUsersService` and the
 * `readonly` schema flags it sets): the directory owns passwords and the profile fields it maps,
 * so no `password` is accepted or stored, people cannot change the mapped `first_name`,
 * `last_name` and `email` of an account (each shows them in `_readonly`; the next sign-in
 * refreshes them anyway), and new accounts are active at once, with no activation e-mail.
 */
import { ValidationError } from "../../errors.ts";
import type { Actor } from "../../resources/actor.ts";
import type { ResourceDefinition } from "../../resources/resource_definition.ts";
import type { CreateContext } from "../../resources/resource_hooks.ts";
import type { ServiceContext } from "../../resources/service_context.ts";
import type { Doc } from "../../storage/document_store.ts";
import type { LdapSettings } from "../../config/ldap_settings.ts";
import type { UsersService } from "../users_service.ts";

/** Profile fields the directory may own (Superdesk's `ADUsersService.readonly_fields`). */
const DIRECTORY_FIELDS = ["email", "first_name", "last_name"];

type UsersServiceClass = new (
  definition: ResourceDefinition,
  ctx: ServiceContext,
  accounts: ConstructorParameters<typeof UsersService>[2],
) => UsersService;

/** `UsersService` with the directory's rules, for `settings`. */
export function ldapUsersService(Base: UsersServiceClass, settings: LdapSettings) {
  const readonly = DIRECTORY_FIELDS.filter((field) =>
    Object.values(settings.attributes).includes(field)
  );
  const readonlyMarks = Object.freeze(Object.fromEntries(readonly.map((field) => [field, true])));

  /**
   * Issues for a write that sets a password, or for a person's update (`original` given) that
   * changes a directory field.
   */
  const refusals = (changes: Doc, actor: Actor, original?: Doc) => {
    const issues: Record<string, string> = {};
    if ("password" in changes) issues.password = "passwords are kept by the LDAP directory";
    if (original && actor.kind === "user") {
      for (const field of readonly) {
        if (field in changes && changes[field] !== original[field]) {
          issues[field] = "field is read-only";
        }
      }
    }
    if (Object.keys(issues).length > 0) throw new ValidationError(issues);
  };

  return class LdapUsersService extends Base {
    protected override async onCreate(docs: Doc[], actor: Actor, context: CreateContext) {
      for (const doc of docs) {
        refusals(doc, actor);
        doc.needs_activation ??= false;
      }
      await super.onCreate(docs, actor, context);
    }

    /** No activation e-mail: the account's password is the directory's. */
    protected override onCreated(): Promise<void> {
      return Promise.resolve();
    }

    protected override async onUpdate(updates: Doc, original: Doc, actor: Actor) {
      refusals(updates, actor, original);
      await super.onUpdate(updates, original, actor);
    }

    override toPublic(doc: Doc): Doc {
      return { ...super.toPublic(doc), _readonly: readonlyMarks };
    }
  };
}
