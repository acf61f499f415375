-- TOTP secrets are stored sealed with the key-encryption key (security.SecretSealing), which is
-- longer than the base32 secret itself. The server seals the secrets stored before at its next start.
ALTER TABLE zaitaku_user ALTER COLUMN totp_secret TYPE text;
