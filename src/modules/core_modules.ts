/**
 * The modules every process loads, in registration order (which is also the order of the
 * `GET /api` home listing). Authentication is built separately because it also provides the
 * authenticator (`src/auth/auth_module.ts`).
 */
import type { AppModule } from "./app_module.ts";
import { createNewsroomModule } from "../newsroom/newsroom_module.ts";

export const CORE_MODULES: readonly AppModule[] = [createNewsroomModule()];
