/**
 * The registry of resources and their services (Superdesk's `register_resource` and
 * `get_resource_service`). Modules register at start; routes, indexes, the home listing and the
 * OpenAPI document are derived from what is registered.
 */
import type { TSchema } from "@sinclair/typebox";
import type { ResourceDefinition } from "./resource_definition.ts";
import type { ResourceService } from "./resource_service.ts";

/**
 * An endpoint of the `GET /api` listing that is not a resource (login, item actions, nested
 * lists): its Eve URL template and Superdesk's title, by which the web client finds it.
 */
export interface HomeLink {
  /** E.g. `archive/<regex("[\w,.:-]+"):item_id>/lock`. */
  href: string;
  /** E.g. `archive_lock`. */
  title: string;
}

export class ResourceRegistry {
  #entries = new Map<string, { service: ResourceService }>();
  #links: HomeLink[] = [];

  /**
   * Registers a resource on behalf of `app` (named when the service's hooks fail); a second
   * registration of one name is an error naming the app that registered it first.
   */
  register(
    definition: ResourceDefinition,
    service: ResourceService,
    { app }: { app: string },
  ): void {
    const existing = this.#entries.get(definition.name);
    if (existing) {
      throw new Error(
        `Resource "${definition.name}" is already registered by app "${existing.service.app}"`,
      );
    }
    service.app = app;
    this.#entries.set(definition.name, { service });
  }

  /** The service of `name`; throws when it is not registered. */
  service<T extends ResourceService = ResourceService>(name: string): T {
    const entry = this.#entries.get(name);
    if (!entry) throw new Error(`Resource "${name}" is not registered`);
    return entry.service as T;
  }

  /** Adds optional `fields` to resource `name`'s schema (see `ResourceService.addFields`). */
  addFields(name: string, fields: Record<string, TSchema>): void {
    this.service(name).addFields(fields);
  }

  has(name: string): boolean {
    return this.#entries.has(name);
  }

  /** Every registered definition, in registration order. */
  definitions(): ResourceDefinition[] {
    return [...this.#entries.values()].map((entry) => entry.service.definition);
  }

  /** Lists `link` in `GET /api` (after the resources); a title listed twice is an error. */
  addLink(link: HomeLink): void {
    const taken = this.#links.some(({ title }) => title === link.title) ||
      this.definitions().some(({ title }) => title === link.title);
    if (taken) throw new Error(`Home link "${link.title}" is listed twice`);
    this.#links.push({ href: link.href, title: link.title });
  }

  /** The links modules added, in order. */
  links(): HomeLink[] {
    return [...this.#links];
  }

  /** Every registered service, in registration order. */
  services(): ResourceService[] {
    return [...this.#entries.values()].map((entry) => entry.service);
  }
}
