-- Staff who sign in through an OpenID Connect provider. The provider's issuer and subject together
-- name a person for good (an email address can change hands); both are set or neither is.
alter table staff_users add column oidc_issuer text;
alter table staff_users add column oidc_subject text;
alter table staff_users add constraint staff_users_oidc_identity_check check ((oidc_issuer is null) = (oidc_subject is null));
create unique index staff_users_oidc_identity_key on staff_users (oidc_issuer, oidc_subject);

-- A session opened through the provider keeps its ID token: sign-out hands it back to the
-- provider (id_token_hint) so the provider can end its own session too.
alter table staff_sessions add column oidc_id_token text;
