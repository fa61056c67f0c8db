/**
 * The e-mails Superdesk sends about accounts (`superdesk/emails`): the activation link of a new
 * account, the password-reset link, and the notice that an account's status changed. Sent over
 * SMTP with the `MAIL_*` settings; links point into the web client (`SUPERDESK_CLIENT_URL`).
 * A message that cannot be sent is logged, never failing the request (`mail_sender.ts`).
 */
import type { Config } from "../config/config.ts";
import type { Logger } from "../log.ts";
import { createMailSender } from "../mail/mail_sender.ts";

/** Sends the account e-mails. */
export interface AccountMail {
  /** "<app> account created" with the link that sets the first password. */
  activation(user: { email: string; username: string }, token: string): Promise<void>;
  /** "Reset password" with the link that sets a new one. */
  resetPassword(email: string, token: string): Promise<void>;
  /** "Your <app> account is <status>" (`disabled`, `enabled and active` ...). */
  statusChanged(email: string, status: string): Promise<void>;
}

/** Creates the sender for `config`, logging through `log`. */
export function createAccountMail(config: Readonly<Config>, log: Logger): AccountMail {
  const app = config.applicationName;
  const send = createMailSender(config, log);
  const link = (token: string) =>
    `${config.clientUrl}/#/reset-password?token=${encodeURIComponent(token)}`;

  return {
    activation: (user, token) =>
      send({
        to: user.email,
        subject: `${app} account created`,
        text: [
          "Hello,",
          "",
          `A new ${app} account with the username ${user.username} was created for you.`,
          `Please go to ${link(token)} and choose your password.`,
          "",
          `The link is valid for ${config.activationTtlDays * 24} hours.`,
          `If you did not expect this account, you can ignore this message.`,
        ].join("\n"),
      }),
    resetPassword: (email, token) =>
      send({
        to: email,
        subject: "Reset password",
        text: [
          `A new password was requested for the ${app} account of ${email}.`,
          "",
          `Open this link ${link(token)} and choose the new password.`,
          "",
          `The link is valid for ${config.resetPasswordTtlDays * 24} hours.`,
          "If you did not ask for it, you can ignore this message.",
        ].join("\n"),
      }),
    statusChanged: (email, status) =>
      send({
        to: email,
        subject: `Your ${app} account is ${status}`,
        text: `Your ${app} account is ${status}.`,
      }),
  };
}
