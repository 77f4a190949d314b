#!/bin/sh
# A new Ed25519 key pair for candle signatures, as the two variables the services read:
#   FX_CANDLE_SIGNING_KEY  ingest's private key (base64 of PKCS#8 DER): a secret, give it to ingest only
#   FX_CANDLE_PUBLIC_KEY   its public key (base64 of X.509 DER): for analytics and correlation
#   deploy/local/candle-keys.sh >> deploy/.env        (docker compose)
# The same with openssl by hand:
#   openssl genpkey -algorithm ed25519 -out candles.pem
#   openssl pkey -in candles.pem -outform DER | base64 -w0            # FX_CANDLE_SIGNING_KEY
#   openssl pkey -in candles.pem -pubout -outform DER | base64 -w0    # FX_CANDLE_PUBLIC_KEY
set -eu
pem=$(openssl genpkey -algorithm ed25519)
printf 'FX_CANDLE_SIGNING_KEY=%s\n' "$(printf '%s\n' "$pem" | openssl pkey -outform DER | base64 | tr -d '\n')"
printf 'FX_CANDLE_PUBLIC_KEY=%s\n' "$(printf '%s\n' "$pem" | openssl pkey -pubout -outform DER | base64 | tr -d '\n')"
