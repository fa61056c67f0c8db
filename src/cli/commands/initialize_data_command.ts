/**
 * `superdesk app:initialize_data`: creates the default roles, an administrator when there is
 * none (password from SUPERDESK_ADMIN_PASSWORD or generated and printed once), the default
 * vocabularies, content profiles and templates, the web client's default settings (config
 * `client-settings`), and every module's sample data. Idempotent: a
 * second run changes nothing.
 */
import { initializeData } from "../../auth/initialize_data.ts";
import { printLine } from "../../log.ts";
import { initializeReferenceData } from "../../shell/reference_data.ts";
import { initializeNewsroomData } from "../../newsroom/initialize_newsroom_data.ts";
import type { Command } from "../command.ts";

export const initializeDataCommand: Command = {
  name: "app:initialize_data",
  summary: "Create default roles, an admin and sample data (idempotent).",
  usage: "",
  flags: {},
  async run(_args, ctx) {
    const platform = await ctx.platform();
    try {
      const result = await initializeData(platform.registry, {
        adminPassword: ctx.config.adminPassword,
        log: ctx.log,
      });
      const { content, cities, clientSettings } = await initializeReferenceData(platform.registry);
      const newsroom = await initializeNewsroomData(platform.registry);
      const list = (names: string[]) => names.join(", ") || "none";
      printLine(
        `roles created: ${list(result.rolesCreated)}; ` +
          `admin created: ${result.adminCreated ? "yes" : "no"}; ` +
          `vocabularies created: ${list(content.vocabularies)}; ` +
          `content profiles created: ${list(content.profiles)}; ` +
          `templates created: ${list(content.templates)}; ` +
          `sample desk created: ${newsroom.deskCreated ? "yes" : "no"}; ` +
          `cities created: ${cities}; ` +
          `client settings created: ${clientSettings ? "yes" : "no"}`,
      );
      return 0;
    } finally {
      await platform.close();
    }
  },
};
