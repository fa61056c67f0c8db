/** Superdesk's features/auth_server.feature over HTTP. */
import {
  AUTH_SERVER_ENV,
  givenAuthorizedClients,
  noAccessToken,
  oauth2ClientAuthentication,
  validAccessToken,
} from "./_auth_server_steps.ts";
import { feature } from "./feature.ts";

feature("auth_server", (f) => {
  f.scenario("Valid client authenticate with success", [], async (s) => {
    await givenAuthorizedClients(
      s.app,
      `[{"name": "test_client", "client_id": "0102030405060708090a0b0c", "password": "secret_pwd_123", "scope": ["ARCHIVE_READ"]}]`,
    );
    const response = await oauth2ClientAuthentication(
      s.app,
      "0102030405060708090a0b0c",
      "secret_pwd_123",
    );
    await validAccessToken(response);
  });

  f.scenario("Invalid client can't authenticate", [], async (s) => {
    await givenAuthorizedClients(
      s.app,
      `[{"name": "test_client_2", "client_id": "0102030405060708090a0b0c", "password": "secret_pwd_123", "scope": ["ARCHIVE_READ"]}]`,
    );
    const response = await oauth2ClientAuthentication(
      s.app,
      "0102030405060708090a0b0c",
      "bad_secret_pwd",
    );
    noAccessToken(response);
  });
}, { env: AUTH_SERVER_ENV });
