#!/usr/bin/env bash
# Mints an HS256 bearer token for local development and trials.
#   MEMBERSHIP_AUTH_HS256_SECRET=... scripts/dev-token.sh <email> [name] [scope] [ttl-seconds]
# Use scope "membership:platform-admin" for a platform admin.
set -euo pipefail
secret="${MEMBERSHIP_AUTH_HS256_SECRET:?set MEMBERSHIP_AUTH_HS256_SECRET to the service secret}"
email="${1:?usage: dev-token.sh <email> [name] [scope] [ttl-seconds]}"
name="${2:-$email}"
scope="${3:-}"
ttl="${4:-3600}"
now=$(date +%s)
b64() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
header=$(printf '{"alg":"HS256","typ":"JWT"}' | b64)
payload=$(printf '{"sub":"%s","email":"%s","name":"%s","scope":"%s","iat":%d,"exp":%d}' \
  "$email" "$email" "$name" "$scope" "$now" "$((now + ttl))" | b64)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -hmac "$secret" -binary | b64)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
