/**
 * Superdesk's `PrepopulateService` in testing mode: optionally erases everything
 * (`erase_data.ts`), then loads `app:initialize_data`'s reference data, creates the test user
 * when missing, and loads the named sample profile. Runs alone in this process (`reset_gate.ts`)
 * and under the `prepopulate` lock across processes (a second process answers 409).
 */
import { ConflictError } from "../errors.ts";
import { initializeReferenceData } from "../shell/reference_data.ts";
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import { withLock } from "../tasks/lock.ts";
import { eraseData, type EraseResult } from "./erase_data.ts";
import type { ResetGate } from "./reset_gate.ts";
import { loadProfile, sampleProfile } from "./sample_profile.ts";

/** The body of `POST /api/prepopulate`, parsed. */
export interface PrepopulateRequest {
  /** Erase everything first (Superdesk's default: true). */
  removeFirst: boolean;
  profile: string;
}

/** What a prepopulate did. */
export interface PrepopulateResult {
  erased?: EraseResult;
  /** Documents the profile created. */
  created: number;
}

/** Superdesk's `get_default_user()`: the account its e2e helpers and specs sign in with. */
export const TEST_USER = Object.freeze({
  username: "test_user",
  password: "test_password",
  user_type: "administrator",
  is_active: true,
  needs_activation: false,
  first_name: "first name",
  last_name: "last name",
  email: "test_user@test.com",
});

/** The lock every reset of the data takes (prepopulate, restore_record), across processes. */
export const RESET_LOCK = "prepopulate";

/** How long the reset lock lasts between renewals. */
export const RESET_LOCK_TTL_MS = 60_000;

/** Runs one prepopulate; the profile is checked before anything is erased. */
export async function prepopulate(
  ctx: ServiceContext,
  gate: ResetGate,
  request: PrepopulateRequest,
): Promise<PrepopulateResult> {
  const profile = await sampleProfile(request.profile);
  const outcome = await gate.exclusive(() =>
    withLock(ctx.locks, RESET_LOCK, RESET_LOCK_TTL_MS, async () => {
      const erased = request.removeFirst ? await eraseData(ctx) : undefined;
      await initializeReferenceData(ctx.registry);
      const users = ctx.registry.service("users");
      if (!(await users.findOne({ username: TEST_USER.username }))) {
        await users.create([{ ...TEST_USER }], SYSTEM_ACTOR, { trusted: true });
      }
      const created = await loadProfile(ctx.registry, profile);
      ctx.log.info("prepopulated", { profile: request.profile, ...erased, created });
      return { erased, created };
    })
  );
  if (!outcome.acquired) {
    throw new ConflictError("Cannot prepopulate: another process is prepopulating; retry");
  }
  return outcome.value;
}
