-- The links patients answer their check-ins by. Only a hash of each link's random token is kept:
-- the token itself exists only in the mail that carried it. Portable SQL: H2 and PostgreSQL.
CREATE TABLE kapcare_check_in_link (
  -- SHA-256 of the token, hexadecimal
  token_hash   CHAR(64)     PRIMARY KEY,
  -- the patient-check-in process instance the link answers
  check_in_id  VARCHAR(64)  NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  -- set on every link of the check-in once it is answered: each works once
  used_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_kapcare_check_in_link_check_in ON kapcare_check_in_link (check_in_id);
