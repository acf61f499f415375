-- Tables of the embedded authorization server and of the people who log in, in open mode too.
-- (IF NOT EXISTS and ADD COLUMN IF NOT EXISTS: a database made before the server used Flyway has
-- them already, perhaps without the later columns.)
-- Spring Authorization Server 1.4.5's own schemas (oauth2-*-schema.sql in its jar), written for
-- PostgreSQL: its "blob" columns are text (the JDBC services read column types once and use
-- getString/setString for text), and scope, authority and settings columns are text because SMART
-- scopes with ?query filters and inline client JWKS outgrow varchar(1000/2000).
CREATE TABLE IF NOT EXISTS oauth2_registered_client (
    id varchar(100) NOT NULL PRIMARY KEY,
    client_id varchar(100) NOT NULL UNIQUE,
    client_id_issued_at timestamp DEFAULT CURRENT_TIMESTAMP NOT NULL,
    client_secret varchar(200) DEFAULT NULL,
    client_secret_expires_at timestamp DEFAULT NULL,
    client_name varchar(200) NOT NULL,
    client_authentication_methods varchar(1000) NOT NULL,
    authorization_grant_types varchar(1000) NOT NULL,
    redirect_uris text DEFAULT NULL,
    post_logout_redirect_uris text DEFAULT NULL,
    scopes text NOT NULL,
    client_settings text NOT NULL,
    token_settings text NOT NULL
);
CREATE TABLE IF NOT EXISTS oauth2_authorization (
    id varchar(100) NOT NULL PRIMARY KEY,
    registered_client_id varchar(100) NOT NULL,
    principal_name varchar(200) NOT NULL,
    authorization_grant_type varchar(100) NOT NULL,
    authorized_scopes text DEFAULT NULL,
    attributes text DEFAULT NULL,
    state varchar(500) DEFAULT NULL,
    authorization_code_value text DEFAULT NULL,
    authorization_code_issued_at timestamp DEFAULT NULL,
    authorization_code_expires_at timestamp DEFAULT NULL,
    authorization_code_metadata text DEFAULT NULL,
    access_token_value text DEFAULT NULL,
    access_token_issued_at timestamp DEFAULT NULL,
    access_token_expires_at timestamp DEFAULT NULL,
    access_token_metadata text DEFAULT NULL,
    access_token_type varchar(100) DEFAULT NULL,
    access_token_scopes text DEFAULT NULL,
    oidc_id_token_value text DEFAULT NULL,
    oidc_id_token_issued_at timestamp DEFAULT NULL,
    oidc_id_token_expires_at timestamp DEFAULT NULL,
    oidc_id_token_metadata text DEFAULT NULL,
    refresh_token_value text DEFAULT NULL,
    refresh_token_issued_at timestamp DEFAULT NULL,
    refresh_token_expires_at timestamp DEFAULT NULL,
    refresh_token_metadata text DEFAULT NULL,
    user_code_value text DEFAULT NULL,
    user_code_issued_at timestamp DEFAULT NULL,
    user_code_expires_at timestamp DEFAULT NULL,
    user_code_metadata text DEFAULT NULL,
    device_code_value text DEFAULT NULL,
    device_code_issued_at timestamp DEFAULT NULL,
    device_code_expires_at timestamp DEFAULT NULL,
    device_code_metadata text DEFAULT NULL
);
-- Every bearer request looks its token up (revocation takes effect at once); a JWT can exceed a
-- btree index row (about 2.7 kB), so the token columns get hash indexes.
CREATE INDEX IF NOT EXISTS oauth2_authorization_access_token ON oauth2_authorization USING hash (access_token_value);
CREATE INDEX IF NOT EXISTS oauth2_authorization_refresh_token ON oauth2_authorization USING hash (refresh_token_value);
CREATE INDEX IF NOT EXISTS oauth2_authorization_code ON oauth2_authorization USING hash (authorization_code_value);
CREATE INDEX IF NOT EXISTS oauth2_authorization_state ON oauth2_authorization (state);
CREATE TABLE IF NOT EXISTS oauth2_authorization_consent (
    registered_client_id varchar(100) NOT NULL,
    principal_name varchar(200) NOT NULL,
    authorities text NOT NULL,
    PRIMARY KEY (registered_client_id, principal_name)
);
-- Our signing keys: tokens stay valid across restarts. At most one active key per key type.
CREATE TABLE IF NOT EXISTS zaitaku_signing_key (
    kid varchar(64) PRIMARY KEY,
    kty varchar(8) NOT NULL,
    jwk text NOT NULL,
    active boolean NOT NULL,
    created_at timestamptz NOT NULL,
    retired_at timestamptz
);
CREATE UNIQUE INDEX IF NOT EXISTS zaitaku_signing_key_one_active ON zaitaku_signing_key (kty) WHERE active;
-- jti of every client assertion until it expires: a replayed assertion is refused.
CREATE TABLE IF NOT EXISTS zaitaku_client_assertion_jti (
    client_id varchar(100) NOT NULL,
    jti varchar(255) NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (client_id, jti)
);
-- People who log in to authorise SMART apps: each one is a Practitioner or RelatedPerson on this
-- server (fhir_user, e.g. Practitioner/123). Password hash with its encoding ({bcrypt}...) and a TOTP
-- secret (base32); last_totp_step refuses a code used twice.
CREATE TABLE IF NOT EXISTS zaitaku_user (
    username varchar(100) PRIMARY KEY,
    password_hash varchar(200) NOT NULL,
    totp_secret varchar(100) NOT NULL,
    last_totp_step bigint NOT NULL DEFAULT 0,
    fhir_user varchar(200) NOT NULL,
    display_name varchar(200),
    enabled boolean NOT NULL DEFAULT true,
    failed_logins integer NOT NULL DEFAULT 0,
    locked_until timestamptz
);
-- administrator: directory and audit trail, no clinical data.
ALTER TABLE zaitaku_user ADD COLUMN IF NOT EXISTS role varchar(32);
-- The patient (and encounter) an authorization is for: picked by the user at consent (standalone
-- launch) or given by the EHR (launch). Keyed by the authorization's id, which survives code,
-- token and refresh.
CREATE TABLE IF NOT EXISTS zaitaku_launch_context (
    authorization_id varchar(100) PRIMARY KEY,
    patient varchar(100),
    encounter varchar(100),
    created_at timestamptz NOT NULL DEFAULT now()
);
-- EHR launches: an EHR registers the patient (and encounter) it opens an app for and passes the
-- opaque launch id to the app; the id works once, within minutes.
CREATE TABLE IF NOT EXISTS zaitaku_smart_launch (
    launch_id varchar(100) PRIMARY KEY,
    patient varchar(100) NOT NULL,
    encounter varchar(100),
    created_by varchar(100) NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at timestamptz
);
-- The app the EHR launched: only that app may use the launch.
ALTER TABLE zaitaku_smart_launch ADD COLUMN IF NOT EXISTS client_id varchar(100);
