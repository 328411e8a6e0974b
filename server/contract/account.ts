import { type Static, Type } from 'typebox';

const Login = Type.String({ minLength: 3, maxLength: 80, pattern: '^[^\\s]+$' });
const Password = Type.String({ minLength: 10, maxLength: 200 });
const DisplayName = Type.String({ minLength: 1, maxLength: 80, pattern: '\\S' });
const Email = Type.String({ maxLength: 254, format: 'email' });

/** An account that logs in with a password (an admin or a facilitator), or a token holder. */
export const Account = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  role: Type.Union([Type.Literal('admin'), Type.Literal('facilitator'), Type.Literal('contributor')]),
  login: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  workshopId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  lastSeenAt: Type.Union([Type.String(), Type.Null()]),
});
export type Account = Static<typeof Account>;

/** What a browser learns after a login: the account, and the CSRF token its writes must send in `X-CSRF-Token`. */
export const SessionInfo = Type.Object({
  account: Type.Union([Account, Type.Null()]),
  /** How the request was authenticated. */
  via: Type.Union([Type.Literal('session'), Type.Literal('token'), Type.Literal('env'), Type.Null()]),
  csrfToken: Type.Union([Type.String(), Type.Null()]),
});
export type SessionInfo = Static<typeof SessionInfo>;

/** POST /api/auth/login. */
export const LoginInput = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type LoginInput = Static<typeof LoginInput>;

/** POST /api/accounts/setup and POST /api/accounts/invitations/accept: a one-time token and the new account. */
export const AccountCreation = Type.Object(
  {
    token: Type.String({ minLength: 16, maxLength: 200 }),
    displayName: DisplayName,
    login: Login,
    email: Type.Optional(Type.Union([Email, Type.Null()])),
    password: Password,
  },
  { additionalProperties: false },
);
export type AccountCreation = Static<typeof AccountCreation>;

/** POST /api/accounts/invitations (admins). */
export const InvitationInput = Type.Object(
  {
    role: Type.Optional(Type.Union([Type.Literal('facilitator'), Type.Literal('admin')])),
    displayName: Type.Optional(DisplayName),
    email: Type.Optional(Type.Union([Email, Type.Null()])),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })),
  },
  { additionalProperties: false },
);
export type InvitationInput = Static<typeof InvitationInput>;

/** A pending invitation; `token` and `url` are returned once, when it is created. */
export const Invitation = Type.Object({
  id: Type.String(),
  role: Type.String(),
  displayName: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  expiresAt: Type.String(),
  token: Type.Optional(Type.String()),
  url: Type.Optional(Type.String()),
});
export type Invitation = Static<typeof Invitation>;

/** POST /api/accounts/me/password. */
export const PasswordChange = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Password },
  { additionalProperties: false },
);
export type PasswordChange = Static<typeof PasswordChange>;

/** A contributor's bearer token as admins see it: never the token itself. */
export const TokenInfo = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  workshop: Type.Union([
    Type.Object({ id: Type.String(), code: Type.String(), title: Type.String() }),
    Type.Null(),
  ]),
  createdAt: Type.String(),
  lastSeenAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});
export type TokenInfo = Static<typeof TokenInfo>;
