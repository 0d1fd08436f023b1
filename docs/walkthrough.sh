#!/usr/bin/env bash
# The README's walk-through as a script: each step is the README's command, its answer is printed and checked.
# The tests run it against a fresh service, so the outputs the README shows cannot go stale.
#
#   docs/walkthrough.sh                         against ./run.sh (http://127.0.0.1:7071, the quick-start client)
#   BASE_URL=... CREDENTIALS=file docs/walkthrough.sh
#
# The checked outputs are those of a tenant that has seen nothing yet, as on the first ./run.sh: later runs find
# the user and address already known, and the first login is no longer challenged. Needs curl and jq.
set -euo pipefail

BASE_URL="${BASE_URL:-http://127.0.0.1:7071}"
CREDENTIALS="${CREDENTIALS:-.artifacts/quickstart-client.json}"
USER_ID="${WALKTHROUGH_USER:-user-123}"

step() { printf '\n$ %s\n' "$*"; }
fail() { echo "walkthrough: $*" >&2; exit 1; }
# expect <json> <jq filter that must be true> <what it means>
expect() { jq -e "$2" >/dev/null <<<"$1" || fail "expected $3; got: $1"; }
# call <method> <path> [curl options...]: prints "<status> <body>" compactly
call() {
  local method="$1" path="$2"
  shift 2
  curl -sS -o /tmp/walkthrough.$$ -w '%{http_code}' -X "$method" "$BASE_URL$path" "$@" && printf ' ' && jq -c . /tmp/walkthrough.$$ 2>/dev/null || cat /tmp/walkthrough.$$
}
trap 'rm -f /tmp/walkthrough.$$' EXIT
command -v jq >/dev/null || fail "jq is needed (apt-get install jq)"

step "a token (OAuth 2.0 client credentials, valid one hour)"
CLIENT_ID=$(jq -r .client_id "$CREDENTIALS"); CLIENT_SECRET=$(jq -r .client_secret "$CREDENTIALS")
TOKEN=$(curl -s -X POST "$BASE_URL/oidc/token" \
  -d client_id="$CLIENT_ID" -d client_secret="$CLIENT_SECRET" \
  -d grant_type=client_credentials -d resource=https://risk.identity.security | jq -r .access_token)
[[ "$TOKEN" == ey* ]] || fail "no access token from /oidc/token"
echo "TOKEN=${TOKEN:0:20}..."

step "report a login and get its recommendation at once"
ACTION=$(curl -s -X POST "$BASE_URL/risk/v1/action/trigger-action?get_recommendation=true" \
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"action_type":"login","user_id":"'"$USER_ID"'","correlation_id":"checkout-42",
       "context":{"ip":"192.0.2.44","device_id":"device-abc","device_fingerprint":"fp-abc",
                  "user_agent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"}}')
FIRST=$(echo "$ACTION" | jq -c '{action_token, recommendation: .recommendation.recommendation, risk_score: .recommendation.risk_score, reasons: .recommendation.reasons}')
echo "$FIRST"
expect "$FIRST" '.recommendation == {"type":"CHALLENGE","result":null}' "a challenged first login"
expect "$FIRST" '.reasons == ["IP_RARE_IN_TENANT","PROFILE_USER_NEW"]' "a new user from an address rare in the tenant"
ACTION_TOKEN=$(echo "$ACTION" | jq -r .action_token)

step "report its outcome"
RESULT=$(call POST /risk/v1/action/result -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"action_token\":\"$ACTION_TOKEN\",\"result\":\"success\"}")
echo "$RESULT"
[[ "$RESULT" == '201 {"message":"Action result recorded"}' ]] || fail "expected the result to be recorded; got: $RESULT"

step "read the stored recommendation back"
STORED=$(curl -s "$BASE_URL/risk/v1/recommendation?action_token=$ACTION_TOKEN" -H "Authorization: Bearer $TOKEN" \
  | jq -c '{recommendation, risk_score, ip_country: .context.ip_country, browser: .context.browser_name}')
echo "$STORED"
expect "$STORED" '.recommendation == {"type":"CHALLENGE","result":"success"} and .ip_country == "US" and .browser == "Chrome"' \
  "the recommendation with its reported result and enrichment"

step "the same login again: the profile now knows this device, browser and network"
AGAIN=$(curl -s -X POST "$BASE_URL/risk/v1/action/trigger-action?get_recommendation=true" \
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"action_type":"login","user_id":"'"$USER_ID"'","context":{"ip":"192.0.2.44","device_id":"device-abc","device_fingerprint":"fp-abc","user_agent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"}}' \
  | jq -c '{recommendation: .recommendation.recommendation.type, risk_score: .recommendation.risk_score, reasons: .recommendation.reasons}')
echo "$AGAIN"
expect "$AGAIN" '.recommendation == "ALLOW" and .reasons == [] and .risk_score < 20' "a known login allowed without reasons"

step "a rule in PREVIEW mode, listed, and its hit counts"
RULE=$(call POST /risk/v1/recommendation/rules -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"name":"Block risky countries","priority":10,"matcher":{"country_codes":["KP","IR"]},"recommendation":"DENY","enabled":true,"mode":"PREVIEW"}')
echo "$RULE"
[[ "$RULE" == 201* ]] || fail "expected the rule to be created; got: $RULE"
RULE_ID=$(jq -r .rule_id <<<"${RULE#* }")
expect "$(curl -s "$BASE_URL/risk/v1/recommendation/rules" -H "Authorization: Bearer $TOKEN")" \
  "[.data[].id] | index(\"$RULE_ID\") != null" "the new rule in the list"
HITS=$(curl -s "$BASE_URL/risk/v1/recommendation/rules/$RULE_ID/hits" -H "Authorization: Bearer $TOKEN" | jq -c '.data | {rule_name, mode, production_hits, preview_hits}')
echo "$HITS"
expect "$HITS" '. == {"rule_name":"Block risky countries","mode":"PREVIEW","production_hits":0,"preview_hits":0}' "no hits yet"

step "a bad request names every problem"
BAD=$(call POST /risk/v1/recommendation/rules -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"priority":5000,"matcher":{"country_codes":["KP"]},"recommendation":"BLOCK","enabled":true,"mode":"PREVIEW"}')
echo "$BAD"
expect "${BAD#* }" '.error_code == 400 and (.message | length) == 2' "two problems named (priority and recommendation)"

step "label the user as fraud; propagation reaches both of the user's actions"
LABEL=$(curl -s -X POST "$BASE_URL/risk/v1/label" \
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"label_type":"CONFIRMED_FRAUD","subject":{"type":"USER_ID","value":"'"$USER_ID"'"},"use_case":"ACCOUNT_TAKEOVER","source":"MANUAL_REVIEW"}')
echo "$LABEL" | jq -c '{label_id, afftectedActionIds}'
LABEL_ID=$(echo "$LABEL" | jq -r .label_id)
for _ in $(seq 1 50); do
  STATE=$(curl -s "$BASE_URL/risk/v1/label/$LABEL_ID" -H "Authorization: Bearer $TOKEN" | jq -c '{propagation_state, affected_action_count}')
  [[ "$STATE" == *'"done"'* ]] && break
  sleep 0.2
done
echo "$STATE"
expect "$STATE" '. == {"propagation_state":"done","affected_action_count":2}' "the label propagated to the user's two actions"

step "the next login of the labeled user is challenged, with the label as the reason"
AFTER=$(curl -s -X POST "$BASE_URL/risk/v1/action/trigger-action?get_recommendation=true" \
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"action_type":"login","user_id":"'"$USER_ID"'","context":{"ip":"192.0.2.44","device_id":"device-abc","device_fingerprint":"fp-abc","user_agent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"}}' \
  | jq -c '{recommendation: .recommendation.recommendation.type, reasons: .recommendation.reasons}')
echo "$AFTER"
expect "$AFTER" '. == {"recommendation":"CHALLENGE","reasons":["USER_LABELED_FRAUD"]}' "the labeled user challenged because of the label"

step "a fresh tenant has no learned model yet: the hand-tuned model scores its actions"
MODEL=$(call GET /risk/v1/models/current -H "Authorization: Bearer $TOKEN")
echo "$MODEL"
[[ "${MODEL%% *}" == 404 ]] || fail "expected 404; got: $MODEL"
expect "${MODEL#* }" '.error_code == 404 and (.message[0] | startswith("model: "))' "the common error body naming the model"

printf '\nwalkthrough: every step answered as documented\n'
