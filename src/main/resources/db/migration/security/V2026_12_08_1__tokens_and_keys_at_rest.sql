-- Tokens are stored as SHA-256 digests ('sha256:' and the digest in unpadded base64url), never as
-- themselves (security.authorization.TokenDigests computes the same in Java). Rows written before
-- are digested here, so the tokens they hold keep working.
CREATE OR REPLACE FUNCTION zaitaku_token_digest(token text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN token IS NULL OR token LIKE 'sha256:%' THEN token
        ELSE 'sha256:' || rtrim(translate(encode(sha256(convert_to(token, 'UTF8')), 'base64'), '+/', '-_'), '=') END
$$;
UPDATE oauth2_authorization SET
    state = zaitaku_token_digest(state),
    authorization_code_value = zaitaku_token_digest(authorization_code_value),
    access_token_value = zaitaku_token_digest(access_token_value),
    oidc_id_token_value = zaitaku_token_digest(oidc_id_token_value),
    refresh_token_value = zaitaku_token_digest(refresh_token_value),
    user_code_value = zaitaku_token_digest(user_code_value),
    device_code_value = zaitaku_token_digest(device_code_value);
-- When a row was written, for the clean-up of rows that never got a token (an abandoned consent).
ALTER TABLE oauth2_authorization ADD COLUMN IF NOT EXISTS created_at timestamptz NOT NULL DEFAULT now();
-- Signing keys: jwk keeps the public half only; the whole key is sealed (AES-256-GCM) with the
-- key-encryption key, which is not in the database (security.authorization.KeyEncryptionKey). Keys
-- stored before are sealed by the server at its next start.
ALTER TABLE zaitaku_signing_key ADD COLUMN IF NOT EXISTS private_jwk text;
ALTER TABLE zaitaku_signing_key ADD COLUMN IF NOT EXISTS kek_fingerprint varchar(32);
