/**
 * `superdesk fact_checks:pending [--item ID]`: prints how many claims wait for a check, per
 * story, and exits 1 when any does (usable in a pre-publication script).
 */
import { type AppCommand, printLine } from "@superdesk/app";

/** The command. */
export const pendingCommand: AppCommand = {
  name: "fact_checks:pending",
  summary: "Print the claims waiting for a check, per story; exit 1 when there are any.",
  usage: "[--item ID]",
  flags: { item: true },
  help: ["--item ID  only this story"],
  async run({ flags }, { services }) {
    const { registry } = await services();
    const filter = typeof flags.item === "string"
      ? { status: "pending", item: flags.item }
      : { status: "pending" };
    const { items } = await registry.service("fact_checks").find({
      filter,
      page: 1,
      maxResults: 10_000,
    });
    const perItem = new Map<string, number>();
    for (const check of items) {
      perItem.set(String(check.item), (perItem.get(String(check.item)) ?? 0) + 1);
    }
    for (const [item, count] of perItem) printLine(`${item}: ${count} pending`);
    if (perItem.size === 0) printLine("no claim waits for a check");
    return perItem.size > 0 ? 1 : 0;
  },
};
