#!/usr/bin/env bash
# Starts one pickup-order with N lines on a running runtime (embedded engine).
# Usage: start-pickup-order.sh N [orderId] [customerEmail]
# Env: PLUGBOARD_URL (default http://localhost:8080), PLUGBOARD_ADMIN_TOKEN (required: the token
#      printed at start-up or the one you set).
set -euo pipefail
n="${1:?usage: start-pickup-order.sh N [orderId] [customerEmail]}"
order="${2:-order-$(date +%s%N)}"
email="${3:-customer@example.com}"
url="${PLUGBOARD_URL:-http://localhost:8080}"
: "${PLUGBOARD_ADMIN_TOKEN:?set PLUGBOARD_ADMIN_TOKEN to the runtime admin token}"
lines=$(awk -v n="$n" 'BEGIN { for (i = 1; i <= n; i++) printf "%s{\"sku\":\"SKU-%05d\",\"quantity\":%d}", (i > 1 ? "," : ""), i, (i % 3) + 1 }')
curl -sS -f -X POST "$url/api/engine/process-definitions/pickup-order/start" \
  -H "Authorization: Bearer $PLUGBOARD_ADMIN_TOKEN" -H 'Content-Type: application/json' \
  -d "{\"businessKey\":\"$order\",\"variables\":{\"orderId\":\"$order\",\"customerEmail\":\"$email\",\"lines\":[$lines]}}"
echo
